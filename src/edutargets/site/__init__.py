"""Generate the site's Markdown pages from a dataset; MkDocs turns them into HTML."""
