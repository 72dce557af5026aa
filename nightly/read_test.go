package nightly_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fulfil/nightly"
	"fulfil/solver"
)

// writeBadXLSX writes testdata/quantity.bad.xlsx: an order line whose
// quantity cell (E3) reads "a dozen".
func writeBadXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "orders"); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"order_id", "pickup_point", "activity", "sku", "quantity", "placed_at"},
		{"A1", "P001", "G-P001", "SKU001", 2, "D-1 20:00"},
		{"A2", "P002", "G-P002", "SKU002", "a dozen", "D-1 20:30"},
	}
	for r, row := range rows {
		at, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("orders", at, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(filepath.Join("testdata", "quantity.bad.xlsx")); err != nil {
		t.Fatal(err)
	}
}

// TestBadInput reads malformed input documents and order files: each
// fails with an error that places the problem (file:line:column, or
// file:row:column for order files, or the field path) and says what is
// wrong.
func TestBadInput(t *testing.T) {
	if *update {
		writeBadXLSX(t)
	}
	// The JSON cases are tiny.json with one thing broken.
	if _, err := nightly.ReadInputFile(filepath.Join("testdata", "tiny.json")); err != nil {
		t.Fatalf("tiny.json: %v", err)
	}
	cases := []struct {
		file string
		want string
	}{
		{"syntax.bad.json", "syntax.bad.json:5:2: invalid character '\"' after object key:value pair"},
		{"unknown-field.bad.json", `unknown field "pickers_count"`},
		{"wrong-type.bad.json", "orders.lines.quantity: must be int64, got string"},
		{"trailing.bad.json", "data after the input document"},
		{"unknown-sku.bad.json", `orders[0].lines[0].sku: unknown sku "SKU999"`},
		{"zero-quantity.bad.json", "orders[1].lines[0].quantity: must be in [1, 1000000], got 0"},
		{"truck-warehouse.bad.json", `trucks[0].warehouse: unknown warehouse "W9"`},
		{"duplicate-point.bad.json", `pickup_points[1].id: duplicate id "P001" (also pickup_points[0])`},
		{"booked-not-refrigerated.bad.json", "trucks[0].refrigeration_booked: must be false for a truck that is not refrigerated"},
		{"date.bad.json", `date: must be YYYY-MM-DD, got "19/06/2026"`},
		{"unslotted-stock.bad.json", "stock[1].sku: SKU002 has no slot on the floor of W1 to pick"},
		{"shared-cell.bad.json", "warehouses[0].floor.slots[2]: aisle 0 cell 0 already holds slots[0]"},
		{"reload.bad.json", "warehouses[0].reload_s: must be in [0, 86400], got -600"},
		{"sku-category.bad.json", `skus[0].category: unknown category "frozen-fish"`},
		{"unknown-sku.bad.csv", `unknown-sku.bad.csv:3:4: sku: unknown sku "SKU099"`},
		{"quantity.bad.csv", `quantity.bad.csv:2:5: quantity: must be a whole number in [1, 1000000], got "two"`},
		{"missing-column.bad.csv", `missing-column.bad.csv:1: missing column "sku"`},
		{"unknown-column.bad.csv", `unknown-column.bad.csv:1:7: unknown column "colour"`},
		{"conflicting-order.bad.csv", `conflicting-order.bad.csv:3:1: order_id: order "A1" has another pickup point, activity or placed_at in row 2`},
		{"placed-at.bad.csv", `placed-at.bad.csv:2:6: placed_at: must be HH:MM or D-1 HH:MM, got "8pm"`},
		{"ragged.bad.csv", "ragged.bad.csv:2:7: 7 cells, the header has 6 columns"},
		{"duplicate-line.bad.csv", `duplicate-line.bad.csv:3:4: sku: order "A1" lists SKU001 twice (row 2 has it too)`},
		{"quantity.bad.xlsx", `quantity.bad.xlsx:3:E: quantity: must be a whole number in [1, 1000000], got "a dozen"`},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join("testdata", c.file)
			var err error
			if strings.HasSuffix(c.file, ".json") {
				_, err = nightly.ReadInputFile(path)
			} else {
				in, rerr := nightly.ReadInputFile(filepath.Join(exampleDir, "network.json"))
				if rerr != nil {
					t.Fatal(rerr)
				}
				err = nightly.ReadOrdersFile(path, in)
			}
			if err == nil {
				t.Fatalf("got no error, want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %q, want it to contain %q", err, c.want)
			}
			// Field and row errors are input errors, which a server
			// answers with 400.
			if _, ok := errors.AsType[*solver.InputError](err); !ok {
				t.Errorf("%T is not a *solver.InputError", err)
			}
		})
	}
}

// TestReadOrdersKeepsEveryRow: every data row of the example's CSV becomes
// one order line; none is dropped or merged away.
func TestReadOrdersKeepsEveryRow(t *testing.T) {
	in, err := nightly.ReadInputFile(filepath.Join(exampleDir, "network.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := nightly.ReadOrdersFile(filepath.Join(exampleDir, "orders.csv"), in); err != nil {
		t.Fatal(err)
	}
	full, err := nightly.ReadInputFile(filepath.Join(exampleDir, "input.json"))
	if err != nil {
		t.Fatal(err)
	}
	lines, want := 0, 0
	for _, o := range in.Orders {
		lines += len(o.Lines)
	}
	for _, o := range full.Orders {
		want += len(o.Lines)
	}
	if lines != want || len(in.Orders) != len(full.Orders) {
		t.Errorf("got %d orders with %d lines, want %d with %d", len(in.Orders), lines, len(full.Orders), want)
	}
}
