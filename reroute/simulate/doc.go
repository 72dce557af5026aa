// Package simulate replays a delivery day from the nightly plan with the
// day's events (traffic, breakdowns, new orders, cancellations) under
// three policies: none (drive the plan as it is: a broken truck's stops
// are lost, new orders wait for nobody, cancelled stops are skipped),
// reroute (the re-router at each event, warm-started, 50 ms) and resolve
// (a solve from scratch at each event).
//
// The world (world.go) drives the trucks with its own exact
// time-dependent travel (geo.SpeedProfile over the jams' H3 cells, the
// largest factor of either end of a leg), independent of any solver: it
// decides when each stop is really served. At each event the trucks are
// advanced to its time, their state (position, stops served, the stop
// they drive to or serve) goes to the re-router, and they follow the new
// routes (simulate.go). A policy's figures are the share of deliveries
// served by their due time, the late and unserved ones, lateness, km
// driven, stops moved between trucks and the re-route latencies.
// events.go holds the built-in event set; report.go the table and the SVG
// timeline.
package simulate
