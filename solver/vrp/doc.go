// Package vrp solves capacitated vehicle routing with time windows, several
// depots, a mixed fleet with skills, shifts, breaks, route limits and
// several trips,
// optional stops, shipments (pickup and delivery pairs), time-dependent
// travel and the state of a day in
// progress (vehicles on the road, goods on board, locked stops, fixed route
// beginnings), by hybrid genetic search (HGS) in the manner of Vidal,
// exactly for up to 8 stops, and by ruin and recreate when there are
// shipments, several trips or breaks.
//
// Shipments (shipment.go): a stop with DeliverTo is a pickup whose goods
// ride to the named stop on the same vehicle; loads rise and fall along
// the route. An input with shipments is searched by ruinrecreate.go, whose
// moves take out and put back whole pairs (pickup first) under simulated
// annealing, so that no move, Split, crossover or repair ever separates a
// pair; the HGS and its hot loops never see shipments and pay nothing for
// them. Check verifies pairing, precedence and the load after every visit.
// Traffic (traffic.go): Input.Traffic gives speed factors by time of day
// for the whole map or H3 zones; drive's clocks time each leg exactly from
// its departure (FIFO, geo.SpeedProfile), so repair, exact.go's leaves
// and the Output are exact, while the segments use a lower bound of each
// arc's time; Check simulates the traffic with its own code.
// Multi-trip (trips.go): with Vehicle.MaxTrips > 1 a route may hold its
// start depot as a reload between trips (service Depot.ReloadS, loads per
// trip); such inputs are also searched by ruinrecreate.go, which opens a
// trip when a job fits nowhere else and merges trips that fit in one.
// Breaks (breaks.go): Vehicle.Breaks are placed by drive as it simulates
// a route (before a leg when putting them off would miss their window, or
// in a wait); such inputs are searched by ruinrecreate.go, which verifies
// insertions on the driven schedule.
// Options.FleetObjective "vehicles_first" (fewest vehicles, then cost) is
// lowered onto each vehicle's fixed cost (vehiclesFirst in model.go).
//
// Flow: Solve validates an Input (validate.go, road.go), compiles it to a
// dense integer model (model.go, road.go), searches (exact.go by
// enumeration for up to 8 stops, else hgs.go, or the Clarke–Wright
// baseline in savings.go), rechecks the best plan from the public input
// with Check (check.go, which shares no code with the search) and returns
// an Output.
//
// Files: problem.go, solution.go and options.go hold the wire types;
// solve.go is Solve; output.go turns a plan into an Output.
// Route timing lives in two places only. route.go holds the concatenation
// (segment) data with which the search evaluates a route in O(1) per move:
// distance, load per dimension, duration and time warp as in Vidal et al.
// (2013). schedule.go holds drive, the one forward simulation of a route,
// in the model's units (modelClock: repair.go's exact schedules, the
// fits-a-vehicle test of model.go, folding a fixed sequence in road.go)
// or in the input's own float64 figures (inputClock: the Output's
// schedules, so that they agree with Check). split.go cuts a giant tour
// into routes; crossover.go is OX; localsearch.go drives the ls_*.go moves
// and swapstar.go (SWAP* of Vidal 2022) and ls_vehicle.go (exchanging the
// vehicles of two routes in a mixed fleet); neighbours.go builds the
// granular lists; population.go keeps the feasible and infeasible
// subpopulations with biased fitness; penalty.go adapts the penalties;
// hgs.go runs the generations; sisr.go is the mutation chain that
// improves the best plan by SISR ruin and recreate (string removals,
// blinking insertion) with a local search localized to the routes that
// changed (localSearch.localized), made beside the crossovers while it
// keeps finding better plans (on problems without time: see
// Options.Mutations); repair.go makes the final plan feasible,
// listing stops it cannot serve. The search stops early ("converged") when
// the best plan has not improved for convergedAfter offspring, unless
// Options.UseFullLimit. Improvement tests are relative to the cost changed
// (tol in localsearch.go), so that no move and its inverse both count as
// gains at any scale of cost. initial.go compiles Input.InitialRoutes, a
// plan to start from: the first child is the local search from its routes
// as they are, which is how re-routing keeps the plan being driven unless
// it finds better. road.go lowers the road's state onto the model (see
// there): an own start is an extra depot node, a lock a model-only skill,
// a fixed sequence is folded into its vehicle's start.
//
// How to add a constraint:
//
//  1. Wire: a field with its unit in problem.go, checked in validate.go
//     (or road.go for the road's state), each error naming the field.
//  2. Model: compile it in model.go to dense numbers. Prefer lowering it
//     onto what exists (a load dimension, a skill bit, a node's window, a
//     type's start, limits or capacity), as road.go does: then the search,
//     exact.go, repair and the output need no change.
//  3. If it is new to the route's timing or feasibility: add it to seg and
//     its concatenation in route.go and to routeCost (the search and
//     exact.go follow), and to drive's clocks in schedule.go (repair, the
//     fits test and the Output follow). A rule that fixes part of a route
//     belongs in the model, as the fixed sequence does, not in the moves.
//  4. Check (check.go): verify it from the wire fields alone, in its own
//     code, naming the Output path of each violation.
//  5. Tests: a bad-input case naming the field, and a brute-force case
//     (bruteByCheck in road_test.go enumerates every plan and judges each
//     with Check) that the exact answer must equal and HGS never beat.
//
// Threads: one population. Each generation the main goroutine draws two
// pairs of parents per worker by binary tournament (and, when the
// generation makes chains, the parents of two chains per worker); the workers, each with its
// own local search, splitter and random stream seeded by (Seed, worker),
// make their offspring in parallel; the main goroutine inserts them in
// worker order. A run stopped by Options.Iterations therefore repeats
// exactly for the same (seed, threads).
//
// Memory: with one profile the local search reads distances from an int32
// copy of the matrix whose rows and columns are in Hilbert-curve order of
// the coordinates (hilbert.go; ls.ploc maps a node slot to its row), so
// that nearby stops share cache lines; the SWAP* cache files stops the
// same way. Arcs already on a route are read from its prefix distances.
//
// Split is O(n) (Vidal 2016) for the plain CVRP and Bellman's O(n·B)
// otherwise. A stop with several time windows is priced in the search by
// the span from its first opening to its last closing; repair.go checks the
// exact schedule (waiting for the next window) and drops stops that miss.
// SWAP* is skipped when vehicle slots × stops exceeds 10^7 (its cache).
//
// Model scale: distances and times are int64 in units of 1/1000 of a metre
// and second, so CVRPLIB's integers and Solomon's one-decimal values are
// exact. Loads are int64: grams, cubic centimetres and units.
//
// Index names: i, j, u, v nodes (0..nd-1 depots, then stops); r routes
// (vehicle slots); k load dimensions; t vehicle types.
package vrp
