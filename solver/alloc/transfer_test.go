package alloc

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"fulfil/solver"
)

func TestTransferBusinessExample(t *testing.T) {
	// A holds 500 boxes and sells 300; B holds 50 and sells 250.
	in := &TransferInput{
		Warehouses: []Warehouse{{ID: "A"}, {ID: "B"}},
		SKUs:       []TransferSKU{{ID: "s", Unit: "boxes"}},
		Positions: []Position{
			{Warehouse: "A", SKU: "s", OnHandUnits: 500, ForecastUnits: 300},
			{Warehouse: "B", SKU: "s", OnHandUnits: 50, ForecastUnits: 250},
		},
		Lanes: []Lane{{From: "A", To: "B", CostPerUnit: 3}, {From: "B", To: "A", CostPerUnit: 3}},
	}
	opt := DefaultTransferOptions()
	out, err := SuggestTransfers(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckTransfer(in, opt, out); err != nil {
		t.Fatal(err)
	}
	if len(out.Moves) != 1 || out.Moves[0].Text != "move 200 boxes of SKU s from A to B" {
		t.Fatalf("got moves %+v, want one: move 200 boxes of SKU s from A to B", out.Moves)
	}
	if out.Cost != 600 || out.ShortUnits != 0 {
		t.Errorf("got cost %d short %d, want 600 and 0", out.Cost, out.ShortUnits)
	}
}

func TestTransferCases(t *testing.T) {
	wh := []Warehouse{{ID: "A"}, {ID: "B"}, {ID: "C"}}
	for _, tc := range []struct {
		name      string
		skus      []TransferSKU
		positions []Position
		lanes     []Lane
		opt       TransferOptions
		moves     []string
		cost      int64
	}{
		{
			name: "lots round the deficit up",
			skus: []TransferSKU{{ID: "milk", Unit: "crates", LotUnits: 12}},
			positions: []Position{
				{Warehouse: "A", SKU: "milk", OnHandUnits: 100, ForecastUnits: 40},
				{Warehouse: "B", SKU: "milk", ForecastUnits: 30},
			},
			lanes: []Lane{{From: "A", To: "B", CostPerUnit: 1}},
			opt:   TransferOptions{ShortagePenalty: 50},
			moves: []string{"move 36 crates of SKU milk from A to B"},
			cost:  36,
		},
		{
			name: "expiring stock moves first",
			skus: []TransferSKU{{ID: "kale"}},
			positions: []Position{
				{Warehouse: "A", SKU: "kale", OnHandUnits: 100, ForecastUnits: 50},
				{Warehouse: "B", SKU: "kale", OnHandUnits: 20, ExpiringUnits: 20},
				{Warehouse: "C", SKU: "kale", ForecastUnits: 30},
			},
			lanes: []Lane{{From: "A", To: "C", CostPerUnit: 1}, {From: "B", To: "C", CostPerUnit: 2}},
			opt:   TransferOptions{ShortagePenalty: 100, SpoilagePenalty: 5},
			moves: []string{"move 10 units of SKU kale from A to C", "move 20 units of SKU kale from B to C"},
			cost:  10 + 40,
		},
		{
			name: "a dear lane is not worth it",
			skus: []TransferSKU{{ID: "x"}},
			positions: []Position{
				{Warehouse: "A", SKU: "x", OnHandUnits: 10},
				{Warehouse: "B", SKU: "x", ForecastUnits: 10},
			},
			lanes: []Lane{{From: "A", To: "B", CostPerUnit: 30}},
			opt:   TransferOptions{ShortagePenalty: 20},
			moves: nil,
			cost:  200,
		},
		{
			name: "lane capacity shared in sku order",
			skus: []TransferSKU{{ID: "p"}, {ID: "q"}},
			positions: []Position{
				{Warehouse: "A", SKU: "p", OnHandUnits: 50},
				{Warehouse: "A", SKU: "q", OnHandUnits: 50},
				{Warehouse: "B", SKU: "p", ForecastUnits: 30},
				{Warehouse: "B", SKU: "q", ForecastUnits: 30},
			},
			lanes: []Lane{{From: "A", To: "B", CostPerUnit: 1, CapacityUnits: 40}},
			opt:   TransferOptions{ShortagePenalty: 10},
			moves: []string{"move 30 units of SKU p from A to B", "move 10 units of SKU q from A to B"},
			cost:  40 + 20*10,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &TransferInput{Warehouses: wh, SKUs: tc.skus, Positions: tc.positions, Lanes: tc.lanes}
			out, err := SuggestTransfers(context.Background(), in, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if err := CheckTransfer(in, tc.opt, out); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range out.Moves {
				got = append(got, m.Text)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.moves) || out.Cost != tc.cost {
				t.Errorf("got %q cost %d, want %q cost %d", got, out.Cost, tc.moves, tc.cost)
			}
		})
	}
}

func TestTransferRandomChecked(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for i := range 300 {
		nw, nk := 2+r.IntN(4), 1+r.IntN(3)
		in := &TransferInput{}
		for w := range nw {
			in.Warehouses = append(in.Warehouses, Warehouse{ID: fmt.Sprintf("W%d", w)})
		}
		for k := range nk {
			id := fmt.Sprintf("S%d", k)
			in.SKUs = append(in.SKUs, TransferSKU{ID: id, LotUnits: int64(r.IntN(5))})
			for _, w := range in.Warehouses {
				on := int64(r.IntN(40))
				in.Positions = append(in.Positions, Position{Warehouse: w.ID, SKU: id, OnHandUnits: on,
					InboundUnits: int64(r.IntN(10)), ForecastUnits: int64(r.IntN(40)), SafetyUnits: int64(r.IntN(5)),
					ExpiringUnits: int64(r.IntN(int(on) + 1))})
			}
		}
		for a := range nw {
			for b := range nw {
				if a != b && r.IntN(3) > 0 {
					in.Lanes = append(in.Lanes, Lane{From: in.Warehouses[a].ID, To: in.Warehouses[b].ID,
						CostPerUnit: int64(r.IntN(20)), CapacityUnits: int64(r.IntN(2) * r.IntN(60))})
				}
			}
		}
		opt := TransferOptions{ShortagePenalty: int64(1 + r.IntN(30)), SpoilagePenalty: int64(r.IntN(10))}
		out, err := SuggestTransfers(context.Background(), in, opt)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if err := CheckTransfer(in, opt, out); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
	}
}

func TestTransferBadInput(t *testing.T) {
	good := func() *TransferInput {
		return &TransferInput{
			Warehouses: []Warehouse{{ID: "A"}, {ID: "B"}},
			SKUs:       []TransferSKU{{ID: "s"}},
			Positions:  []Position{{Warehouse: "A", SKU: "s", OnHandUnits: 5}},
			Lanes:      []Lane{{From: "A", To: "B", CostPerUnit: 1}},
		}
	}
	for _, tc := range []struct {
		name, field string
		edit        func(*TransferInput)
	}{
		{"negative stock", "positions[0].on_hand_units", func(in *TransferInput) { in.Positions[0].OnHandUnits = -1 }},
		{"expiring above on hand", "positions[0].expiring_units", func(in *TransferInput) { in.Positions[0].ExpiringUnits = 6 }},
		{"unknown sku", "positions[0].sku", func(in *TransferInput) { in.Positions[0].SKU = "t" }},
		{"unknown lane end", "lanes[0].to", func(in *TransferInput) { in.Lanes[0].To = "Z" }},
		{"loop lane", "lanes[0].to", func(in *TransferInput) { in.Lanes[0].To = "A" }},
		{"negative lot", "skus[0].lot_units", func(in *TransferInput) { in.SKUs[0].LotUnits = -2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good()
			tc.edit(in)
			_, err := SuggestTransfers(context.Background(), in, DefaultTransferOptions())
			ie, ok := errors.AsType[*solver.InputError](err)
			if !ok || ie.Field() != tc.field {
				t.Errorf("got %v, want an error on %s", err, tc.field)
			}
		})
	}
}
