// What site.js draws with: line and scatter series on value axes (grid), the axis tooltip, the
// scrolling legend, and the toolbox with only its save-as-image button, drawn on a canvas.
// site.js uses echarts.init and echarts.format.encodeHTML. Add a chart type or component here
// before site.js uses it. (echarts/components' ToolboxComponent would also bring every other
// toolbox feature and the data zoom, about 1.6 times this file's size.)
import { use, init, format } from "echarts/core";
import { LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, TooltipComponent, LegendComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import ToolboxModel from "echarts/lib/component/toolbox/ToolboxModel.js";
import ToolboxView from "echarts/lib/component/toolbox/ToolboxView.js";
import { registerFeature } from "echarts/lib/component/toolbox/featureManager.js";
import SaveAsImage from "echarts/lib/component/toolbox/feature/SaveAsImage.js";

function SaveAsImageToolbox(registers) {
  registers.registerComponentModel(ToolboxModel);
  registers.registerComponentView(ToolboxView);
  registerFeature("saveAsImage", SaveAsImage);
}

use([LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, SaveAsImageToolbox, CanvasRenderer]);

export { init, format };
