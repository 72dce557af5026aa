// Package geo provides locations and the travel matrices the solvers run on:
// points as [lng, lat] (orb.Point), flat row-major distance and duration
// matrices (haversine, Euclidean exact or rounded as benchmark sets round),
// H3 cells and k-nearest-neighbour candidate lists, and GeoJSON of routes.
//
// point.go holds Point and its checks; matrix.go the Matrix type;
// haversine.go and euclid.go the distance builders; duration.go turns
// distance into driving time; speed.go the time-dependent travel of a
// piecewise-constant speed profile (FIFO, after Ichoua, Gendreau & Potvin
// 2003); neighbors.go the candidate lists; h3.go the hexagon cells;
// geojson.go the route export. HaversineMatrix takes a ctx and a thread
// count and builds rows on a solver.Group.
package geo
