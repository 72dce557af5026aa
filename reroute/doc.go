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
// Files: events.go (the events file), traffic.go (H3 cover of a disc),
// compare.go (ETA changes, notices, disruption).
package reroute
