// Package vroom answers routing problems written in VROOM's JSON API
// (github.com/VROOM-Project/vroom, docs/API.md) with the vrp solver, and
// writes the answer in VROOM's output shape, so that a VROOM user can switch
// by changing a URL.
//
// Flow: Decode reads the JSON strictly (an unknown key is an input error);
// Solve validates it (validate.go), compiles what the vrp model can express
// to a vrp.Input whose explicit matrices carry VROOM's travel costs
// (compile.go), runs vrp.Solve, rechecks the plan with vrp.Check, then
// recomputes every route from the VROOM input alone with VROOM's rules
// (schedule.go: arrival, waiting, setup, load, distance, violations) and
// writes the Output (output.go). Vehicles whose steps are given are plan
// mode routes, as VROOM's -c: they are evaluated by schedule.go, not
// optimised, and the other vehicles are optimised over the jobs no steps
// name.
//
// Jobs and shipment ends are tasks (compile.go): jobs first, then each
// shipment's pickup and delivery, compiled to vrp stops (a pickup with
// deliver_to). Vehicle breaks are vrp breaks; on a route they are items
// -1-b beside the tasks. What the vrp model cannot express yet (a break's
// max_load or several windows, per vehicle type task times, per_task_hour
// costs, geometry) is an input error, code 2, naming the key; README.md
// has the table of every key.
//
// Errors are *Error, carrying VROOM's code: 1 internal, 2 input, 3
// routing. Index names: j tasks (jobs and shipment ends), b breaks, v
// vehicles, p places (rows of the compiled matrices), c cost classes (vrp
// profiles), k amount dimensions.
package vroom
