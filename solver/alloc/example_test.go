package alloc_test

import (
	"context"
	"fmt"

	"fulfil/solver/alloc"
)

func ExampleAllocate() {
	in := &alloc.Input{
		Warehouses:   []alloc.Warehouse{{ID: "W1"}, {ID: "W2"}},
		PickupPoints: []alloc.PickupPoint{{ID: "P1"}, {ID: "P2"}, {ID: "P3"}, {ID: "P4", UnmetPenalty: 50}},
		SKUs:         []alloc.SKU{{ID: "eggs"}},
		Stock: []alloc.Stock{
			{Warehouse: "W1", SKU: "eggs", Units: 30},
			{Warehouse: "W2", SKU: "eggs", Units: 20},
		},
		Demand: []alloc.Demand{
			{PickupPoint: "P1", SKU: "eggs", Units: 12},
			{PickupPoint: "P2", SKU: "eggs", Units: 10},
			{PickupPoint: "P3", SKU: "eggs", Units: 15},
			{PickupPoint: "P4", SKU: "eggs", Units: 18},
		},
		CostPerUnit: [][]int64{{2, 3, 6, 8}, {7, 5, 2, 3}},
	}
	opt := alloc.DefaultOptions()
	opt.UnmetPenalty = 100 // P4 sets its own, lower penalty: it is rationed first
	opt.SplitPenalty = 0
	out, err := alloc.Allocate(context.Background(), in, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range out.Assignments {
		fmt.Printf("%s: %d from %s at %d\n", a.PickupPoint, a.Units, a.Warehouse, a.CostPerUnit)
	}
	for _, u := range out.Unmet {
		fmt.Printf("%s: %d short\n", u.PickupPoint, u.Units)
	}
	fmt.Println("cost", out.Cost, "bound", out.Bound)
	// Output:
	// P1: 12 from W1 at 2
	// P2: 10 from W1 at 3
	// P3: 8 from W1 at 6
	// P3: 7 from W2 at 2
	// P4: 13 from W2 at 3
	// P4: 5 short
	// cost 405 bound 405
}

func ExampleSuggestTransfers() {
	in := &alloc.TransferInput{
		Warehouses: []alloc.Warehouse{{ID: "A"}, {ID: "B"}},
		SKUs:       []alloc.TransferSKU{{ID: "s", Unit: "boxes", LotUnits: 20}},
		Positions: []alloc.Position{
			{Warehouse: "A", SKU: "s", OnHandUnits: 500, ForecastUnits: 300},
			{Warehouse: "B", SKU: "s", OnHandUnits: 50, ForecastUnits: 240, SafetyUnits: 10},
		},
		Lanes: []alloc.Lane{{From: "A", To: "B", CostPerUnit: 3, CapacityUnits: 400}},
	}
	out, err := alloc.SuggestTransfers(context.Background(), in, alloc.DefaultTransferOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range out.Moves {
		fmt.Println(m.Text)
	}
	// Output:
	// move 200 boxes of SKU s from A to B
}

func ExampleSolveGAP() {
	in := &alloc.GAPInput{
		Cost:     [][]int64{{4, 2, 7, 3}, {3, 6, 2, 5}},
		Weight:   [][]int64{{3, 2, 4, 3}, {2, 3, 3, 2}},
		Capacity: []int64{5, 5},
	}
	opt := alloc.DefaultGAPOptions()
	opt.Threads = 1
	out, err := alloc.SolveGAP(context.Background(), in, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("cost", out.Cost, "assignment", out.Assignment, "optimal", out.Optimal)
	// Output:
	// cost 10 assignment [1 0 1 0] optimal true
}
