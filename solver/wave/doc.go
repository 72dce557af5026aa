// Package wave plans warehouse picking for a night's orders: waves, cart
// batches, picker routes, sort-to-store and loading order.
//
// Contract (see package solver): Plan(ctx, in, Options) and Route(ctx,
// layout, picks, policy) validate everything first (every violation,
// options under "options."), recheck their answer with Check or CheckTour
// and return an error wrapping ErrCheck instead of an answer that fails;
// Check returns a Report embedding solver.Report. Options serialise as the
// wire does (time_limit_s); workers run in a solver.Group.
//
// Routing. Route (or a reused Router) returns a Tour through pick
// positions of a parallel-aisle Layout (any number of blocks, start and end
// may differ) by a Policy:
//   - Optimal: an exact DP over the aisles (ratliff.go), Ratliff &
//     Rosenthal (1983) for one block and Roodbergen & de Koster (2001) for
//     two, generalised to any number of cross aisles by generating the
//     state classes with a frontier machine; used up to four blocks. Beyond,
//     fallback.go: Held–Karp for up to 12 picks, else nearest neighbour with
//     2-opt and or-opt over closed-form aisle distances (graph.go).
//   - SShape, LargestGap, Combined: the methods pickers know, for one block
//     (heuristics.go) and block by block from the farthest block to the
//     front when there are middle cross aisles (heuristics_blocks.go).
//
// RouteScattered (scattered.go) takes items stored in several positions,
// chooses one position each (first improvement on the exact tour length)
// and routes them. tour.go turns the DP's edges into a walk (Hierholzer)
// and lists picks in walking order. CheckTour (checktour.go, checkgraph.go) re-derives the
// geometry from the Layout and checks a tour with its own Dijkstra.
//
// Planning. Plan validates an Input (validate.go), compiles it to a dense
// model (model.go), groups orders into waves by truck (in departure order)
// or by pickup point, chooses storage locations per SKU and wave (nearest
// with enough stock), forms units — bins of one pickup point for
// pick-by-order, cut along the pick path (zone.go) or of whole orders
// (Options.BinGrouping), per-location quantities for total picking
// (sortload.go) — and batches them onto carts (batch.go: seed, savings or FCFS
// construction; local search or iterated local search on the exact tour
// length), waves in parallel. locate.go then revisits, wave by wave, the
// locations of SKUs stored in several places batch by batch. plan.go
// routes every batch, orders the pick lines along the walk and estimates
// times; bound.go computes lower bounds on carts and walking (radial,
// mandatory tour, aisle segments); sortload.go assigns bins or put-wall
// slots and the loading order (reverse of the truck's stops). Check
// (check.go) verifies a plan from the public types alone.
//
// Units: metres (_m), seconds (_s), cubic centimetres (_cm3), grams (_g).
// Index names in search code: j or a aisle, k cross aisle (0 top), b block,
// c cell, s SKU or DP class, l location, o order, p pickup point, u and v
// batching units, w wave.
package wave
