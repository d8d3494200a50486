// Every workflow the worker registers; the bundle's entry point.
export { tradeRestrictionWorkflow } from "./workflow";
