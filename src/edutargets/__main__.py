from edutargets.cli import main

main()
