// Package alloc allocates each pickup point's demand per SKU to grid
// warehouses at least cost, solves single sourcing as a generalized
// assignment problem, and suggests stock transfers between warehouses.
//
// Contract (see package solver): Allocate, SolveGAP and SuggestTransfers
// take a ctx and Options that serialise as the wire does (time_limit_s),
// recheck their answer with Check, CheckGAP and CheckTransfer (each a
// solver.Report with violations by output path) and return an error
// wrapping ErrCheck instead of an answer that fails; workers run in a
// solver.Group, so a panic returns as a *solver.PanicError.
//
// Allocate validates an Input, compiles it to a dense model and solves one
// min-cost flow per SKU (SKUs in parallel, merged in SKU order, so the
// answer does not depend on the thread count): warehouses supply their
// stock, pickup points demand theirs, each pickup point is linked to its
// Options.Nearest cheapest warehouses (plus its home) at transport cost
// plus any non-home penalty, and a slack node takes unused stock (safety
// stock kept is rewarded, so drawing on it costs Options.SafetyPenalty) and
// serves unmet demand at the pickup point's penalty, which rations
// shortages and keeps every problem feasible. The flow optimum is the
// Output.Bound; with Options.SplitPenalty the few split pickup points of
// that vertex optimum are repaired (splits.go) and Output.Gap reports the
// distance to the bound. Check recomputes an Output from the Input alone.
// Allocate is anytime: SKUs whose flow the deadline interrupts are
// allocated greedily (greedy.go), cheapest candidate first, and counted in
// Output.GreedySKUs.
//
// The flows are exact and integral. netsimplex.go holds a primal network
// simplex with block-search pivoting over a strongly feasible spanning
// tree (the LEMON design, Kovács 2015); ssp.go holds successive shortest
// paths, an independent method used to cross-check it; flow.go holds the
// Network type, NetworkSimplex, SuccessiveShortestPaths and the
// reduced-cost certificate CertifyOptimal.
//
// SolveGAP (gap.go) assigns every job to one agent within capacities:
// Lagrangian bound and heuristic (gap_lagrange.go), exact branch and bound
// for small problems (gap_bnb.go) and tabu search with strategic
// oscillation (gap_tabu.go); CheckGAP verifies its answer.
//
// SuggestTransfers (transfer.go) moves surplus (on hand + inbound −
// forecast − safety stock, or stock that will expire before it sells
// locally) to deficit warehouses by min-cost flow in whole lots, and words
// each move as "move 200 boxes of SKU s from A to B"; CheckTransfer
// verifies it. Lane capacities are shared by the SKUs, a multi-commodity
// flow: lagrange_transfer.go prices the lanes by Lagrangian relaxation for
// a lower bound and routes the SKUs at those prices, then re-routes each
// SKU within what the others leave.
//
// Costs, penalties and quantities are int64: money in one unit of the
// caller's choice per unit shipped, quantities in units.
// Index names: w warehouse, p pickup point, k SKU, i stock line or agent,
// j demand line or job, a arc, u and v nodes.
package alloc
