// Package nightly plans one night of community group-buying fulfilment
// end to end: from the orders at the cut-off to the purchase list, the
// picking list and the delivery list, with a report.
//
// Input (input.go) is the one JSON document a night is planned from:
// network, catalogue, suppliers, group-buy activities, orders, stock and
// demand history; ReadInput decodes it strictly and ReadOrders adds order
// lines from CSV or XLSX files (read.go), both reporting every bad field or
// cell with its place. Run validates it (validate.go) and chains the
// stages, each keeping its input, its answer and its check report in the
// Plan so that nothing downstream rebuilds them:
//
//   - rules.go: group-buy rules. An activity below its order threshold
//     does not form (成团) and its orders are cancelled; a line placed after
//     its category's red line (first truck departure less preparation;
//     fresh produce earlier than daily goods) waits for the next run.
//   - allocate.go: each pickup point's accepted demand per SKU to the
//     warehouses (solver/alloc), grouped into deliveries.
//   - route.go: the deliveries on the trucks (solver/vrp): weight and
//     volume, pickup points served by the deadline, cold goods only on
//     trucks whose refrigeration is booked, one trip per truck; a
//     warehouse whose trucks cannot carry all is routed again alone with
//     up to Options.MaxTrips trips per truck (reloading at the warehouse
//     for Warehouse.ReloadS): what the fleet still cannot carry is named.
//   - waves.go: each warehouse's picking waves, one per truck trip
//     (solver/wave; a later trip's wave is named truck/trip), and the
//     pickers' schedule: which wave is late for its trip's departure and
//     by how much; a late wave delays its truck (and its later trips) and
//     the stops' ETAs are recomputed.
//   - replenish.go: the (R,S) policy of every SKU at every warehouse
//     (solver/stock), ordered in whole cases, rounded down a case where
//     rounding up would break the shelf-life cap.
//   - lists.go, alert.go, headline.go: shortages, the purchase list, the
//     10/30/50 % deviation alerts and rule alerts, the headline figures.
//
// Files renders the outputs (files.go): the task sheets as CSV (sheets.go)
// and as one workbook (xlsx.go), plan.json, routes.geojson (geojson.go)
// and a self-contained report.html with an SVG map and Gantt chart
// (report.go); WriteDir writes them and Summary prints the console summary.
//
// Times are seconds after midnight of the delivery day, negative the
// evening before; money is CNY; weights kg, volumes m³.
package nightly
