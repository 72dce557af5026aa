// Package vrp solves capacitated vehicle routing with time windows, several
// depots, a mixed fleet with skills, shifts and route limits, and optional
// stops, by hybrid genetic search (HGS) in the manner of Vidal.
//
// Flow: Solve validates an Input (validate.go), compiles it to a dense
// integer model (model.go), searches (exact.go by enumeration for up to 8
// stops, else hgs.go, or the Clarke–Wright baseline in savings.go), rechecks the best plan from the public input with Check
// (check.go, which shares no code with the search) and returns an Output.
//
// Files: problem.go, solution.go and options.go hold the wire types;
// solve.go is Solve; output.go turns a plan into an Output with the
// schedules of schedule.go (a forward simulation with the input's own
// float64 travel figures, so that the Output agrees with Check).
// route.go holds the concatenation (segment) data that evaluates a route in
// O(1) per move: distance, load per dimension, duration and time warp as in
// Vidal et al. (2013). split.go cuts a giant tour into routes; crossover.go
// is OX; localsearch.go drives the ls_*.go moves and swapstar.go (SWAP* of
// Vidal 2022) and ls_vehicle.go (exchanging the vehicles of two routes in a
// mixed fleet); neighbours.go builds the granular lists; population.go keeps
// the feasible and infeasible subpopulations with biased fitness;
// penalty.go adapts the penalties; hgs.go runs the generations;
// repair.go makes the final plan feasible, listing stops it cannot serve.
// The search stops early ("converged") when the best plan has not improved
// for convergedAfter offspring, unless Options.UseFullLimit. Improvement
// tests are relative to the cost changed (tol in localsearch.go), so that
// no move and its inverse both count as gains at any scale of cost.
// initial.go compiles Input.InitialRoutes, a plan to start from: the
// first child is the local search from its routes as they are, which is
// how re-routing keeps the plan being driven unless it finds better.
//
// Threads: one population. Each generation the main goroutine draws two
// pairs of parents per worker by binary tournament; the workers, each with its
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
