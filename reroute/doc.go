// Package reroute repairs a delivery plan that is being driven and tells the
// pickup points whose arrival moves.
//
// It sits beside the solvers, as the nightly plan does: it reads the events of
// a delivery day (ReadEvents: traffic, a breakdown, new and cancelled orders,
// one JSON object a line with times as HH:MM), turns a traffic event's disc
// into the H3 cells it covers (TrafficCells) and compares two routing plans
// stop by stop (Compare): every stop's estimated arrival before and after,
// the notices a pickup point must get (its arrival moved by at least the
// threshold, 10 minutes by default, it will be late, or it is no longer
// served) and the disruption figures (stops moved to another vehicle, stops
// whose predecessor changed).
//
// Reroute (reroute.go) re-plans the rest of a day in progress: a Request
// holds the planned vrp.Input, the plan being driven, the state now (each
// vehicle's position, stops served, the stop it drives to or serves; a
// vehicle not reported is where the plan puts it, state.go) and the
// events. It lowers them onto a vrp.Input (served and cancelled stops
// gone, each truck on the road starting where it is with its next stop as
// fixed_sequence and its goods on_board, traffic zones, new stops that
// only a truck able to load at the depot may take) and warm-starts the
// solver from the plan. A broken truck's goods are handled by candidates
// solved in turn within the budget: a transfer where it stands to one of
// the two nearest trucks that can carry them, or a re-send from the depot
// (on trucks standing there, or on the nearest truck on the road after it
// goes back to load); the candidate with the least cost plus move_price
// per stop moved to another vehicle wins, and the answer says per stop
// which way it went. Every answer passes vrp.Check.
//
// Files: request.go (the wire types and their checks), state.go (where the
// vehicles are), reroute.go (lowering, candidates, the answer), events.go
// (the events file), traffic.go (H3 cover of a disc), compare.go (ETA
// changes, notices, disruption).
package reroute
