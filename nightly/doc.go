// Package nightly plans one night of community group-buying fulfilment end
// to end, chaining the four solvers on a scenario: allocate each pickup
// point's demand per SKU to the grid warehouses (solver/alloc), route the
// resulting deliveries on each warehouse's trucks (solver/vrp), plan the
// picking waves of each warehouse from the trucks' routes (solver/wave),
// and compute each SKU's replenishment policy and water level at each
// warehouse from its demand history and the stock left (solver/stock).
//
// Run is the one entry point; each stage's output is rechecked by that
// solver's independent validator before the next stage reads it.
// allocate.go turns the scenario into an allocation and its result into
// deliveries; waves.go builds each warehouse's wave-planning input;
// replenish.go the replenishment rows.
package nightly
