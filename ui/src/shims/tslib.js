// tslib (pinned in package.json to the version ECharts uses) for ECharts and zrender, with
// one change. tslib's `__extends` gives every class prototype an enumerable `constructor`,
// and ECharts copies prototypes into plain objects with for…in (e.g. its scheduler's mocks,
// at load time). The app runs with a frozen Object.prototype (Tauri's `freezePrototype`),
// where assigning an inherited read-only property such as `constructor` throws in strict
// code, so ECharts would fail to load and take the whole UI with it. Here `constructor` is
// non-enumerable, as a native `class` makes it; everything else is tslib's own.
export * from "../../node_modules/tslib/tslib.es6.js";

var extendStatics = function (d, b) {
  extendStatics =
    Object.setPrototypeOf ||
    ({ __proto__: [] } instanceof Array &&
      function (d, b) {
        d.__proto__ = b;
      }) ||
    function (d, b) {
      for (var p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p];
    };
  return extendStatics(d, b);
};

export function __extends(d, b) {
  if (typeof b !== "function" && b !== null) {
    throw new TypeError("Class extends value " + String(b) + " is not a constructor or null");
  }
  extendStatics(d, b);
  var proto = Object.create(b === null ? null : b.prototype);
  Object.defineProperty(proto, "constructor", { value: d, writable: true, configurable: true, enumerable: false });
  d.prototype = proto;
}
