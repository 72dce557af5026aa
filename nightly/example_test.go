package nightly_test

import (
	"context"
	"fmt"
	"path/filepath"

	"fulfil/nightly"
)

// Plan the example night and list the files a server would store.
func ExampleRun() {
	in, err := nightly.ReadInputFile(filepath.Join("..", "examples", "plan", "input.json"))
	if err != nil {
		fmt.Println(err)
		return
	}
	opt := nightly.DefaultOptions()
	opt.Routing.TimeLimitS, opt.Routing.Iterations, opt.Routing.Threads = 0, 40, 1 // repeatable
	p, err := nightly.Run(context.Background(), in, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	h := p.Headline
	fmt.Printf("%d orders: %d units accepted, %d cancelled, %d delivered, %d short\n",
		h.Orders, h.UnitsAccepted, h.UnitsCancelled, h.UnitsDelivered, h.UnitsShort)
	files, err := nightly.Files(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range nightly.FileNames() {
		fmt.Printf("%-17s %-5v %s\n", name, len(files[name]) > 0, nightly.ContentType(name))
	}
	// Output:
	// 400 orders: 700 units accepted, 44 cancelled, 700 delivered, 0 short
	// report.html       true  text/html; charset=utf-8
	// purchase.csv      true  text/csv; charset=utf-8
	// picking.csv       true  text/csv; charset=utf-8
	// delivery.csv      true  text/csv; charset=utf-8
	// shortages.csv     true  text/csv; charset=utf-8
	// replenishment.csv true  text/csv; charset=utf-8
	// alerts.csv        true  text/csv; charset=utf-8
	// cancelled.csv     true  text/csv; charset=utf-8
	// plan.xlsx         true  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
	// plan.json         true  application/json
	// routes.geojson    true  application/geo+json
}
