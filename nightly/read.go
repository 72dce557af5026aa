package nightly

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"fulfil/solver"
)

// maxInputBytes caps what ReadInput and ReadOrders read.
const maxInputBytes = 1 << 30

// ReadInput decodes one Input JSON document. Unknown fields, trailing data
// and type mismatches are errors naming the file, line and column or the
// field; the input is validated too (Validate).
func ReadInput(r io.Reader, name string) (*Input, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > maxInputBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxInputBytes)
	}
	var in Input
	if err := solver.DecodeJSON(b, name, &in); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &in, nil
}

// ReadInputFile reads an Input from a JSON file.
func ReadInputFile(path string) (*Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadInput(f, path)
}

// Order file columns. One row is one order line; rows of one order share
// its id, pickup point, activity and placing time.
var orderColumns = []string{"order_id", "pickup_point", "activity", "sku", "quantity", "placed_at"}

// ReadOrders reads order lines from a CSV or XLSX file (format "csv" or
// "xlsx"; the first worksheet, or the one named "orders") and appends them
// to in.Orders, checking every reference against in. The header row must
// name the columns order_id, pickup_point, activity, sku, quantity and
// optionally placed_at ("HH:MM" on the delivery day, "D-1 HH:MM" the
// evening before), in any order. Every bad cell is reported as
// "file:row:column: column: what" in one *solver.InputError, and then no
// order is added; no row is dropped (blank rows carry nothing).
func ReadOrders(r io.Reader, name, format string, in *Input) error {
	var rows [][]string
	colName := func(c int) string { return strconv.Itoa(c + 1) }
	switch format {
	case "csv":
		cr := csv.NewReader(io.LimitReader(r, maxInputBytes))
		cr.FieldsPerRecord = -1 // checked below, with the row's number
		var err error
		if rows, err = cr.ReadAll(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	case "xlsx":
		f, err := excelize.OpenReader(io.LimitReader(r, maxInputBytes))
		if err != nil {
			return fmt.Errorf("%s: not an xlsx workbook: %w", name, err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		sheet := sheets[0]
		for _, s := range sheets {
			if strings.EqualFold(s, "orders") {
				sheet = s
			}
		}
		if rows, err = f.GetRows(sheet); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		colName = func(c int) string {
			s, _ := excelize.ColumnNumberToName(c + 1)
			return s
		}
	default:
		return fmt.Errorf("%s: order format must be \"csv\" or \"xlsx\", got %q", name, format)
	}
	var v solver.Violations
	at := func(row, col int) string { return fmt.Sprintf("%s:%d:%s", name, row+1, colName(col)) }
	if len(rows) == 0 {
		return solver.Errorf(name+":1", "empty, want a header row naming %s", strings.Join(orderColumns, ", "))
	}
	col := map[string]int{}
	for c, h := range rows[0] {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		switch {
		case h == "":
			v.Add(at(0, c), "empty column name")
		case !slices.Contains(orderColumns, h):
			v.Add(at(0, c), "unknown column %q (want %s)", h, strings.Join(orderColumns, ", "))
		case col[h] > 0:
			v.Add(at(0, c), "column %q twice", h)
		default:
			col[h] = c + 1
		}
	}
	for _, h := range orderColumns[:5] {
		if col[h] == 0 {
			v.Add(name+":1", "missing column %q", h)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	points, acts, skus := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range in.PickupPoints {
		points[p.ID] = true
	}
	for _, a := range in.Activities {
		acts[a.ID] = true
	}
	for _, k := range in.SKUs {
		skus[k.ID] = true
	}
	byID := map[string]int{} // order id → index in in.Orders
	firstRow := map[string]int{}
	for _, o := range in.Orders {
		byID[o.ID] = -1 // already in the input: not to be extended
	}
	var orders []Order // added to in only when every row is good
	for r := 1; r < len(rows); r++ {
		row := rows[r]
		if len(strings.Join(row, "")) == 0 {
			continue // a blank row carries nothing
		}
		if len(row) > len(rows[0]) {
			v.Add(at(r, len(rows[0])), "%d cells, the header has %d columns", len(row), len(rows[0]))
			continue
		}
		get := func(h string) (string, int) {
			c := col[h] - 1
			if c < 0 || c >= len(row) {
				return "", max(c, 0)
			}
			return strings.TrimSpace(row[c]), c
		}
		id, cID := get("order_id")
		pp, cPP := get("pickup_point")
		act, cAct := get("activity")
		sku, cSKU := get("sku")
		qs, cQ := get("quantity")
		placed, cPl := get("placed_at")
		bad := v.Len()
		if id == "" {
			v.Add(at(r, cID), "order_id: must not be empty")
		}
		if !points[pp] {
			v.Add(at(r, cPP), "pickup_point: unknown pickup point %q", pp)
		}
		if !acts[act] {
			v.Add(at(r, cAct), "activity: unknown activity %q", act)
		}
		if !skus[sku] {
			v.Add(at(r, cSKU), "sku: unknown sku %q", sku)
		}
		q, err := strconv.ParseInt(qs, 10, 64)
		if err != nil || q < 1 || q > 1_000_000 {
			v.Add(at(r, cQ), "quantity: must be a whole number in [1, 1000000], got %q", qs)
		}
		var ps *int
		if placed != "" {
			s, ok := parseClock(placed)
			if !ok {
				v.Add(at(r, cPl), "placed_at: must be HH:MM or D-1 HH:MM, got %q", placed)
			}
			ps = &s
		}
		if v.Len() > bad {
			continue
		}
		i, seen := byID[id]
		switch {
		case !seen:
			byID[id], firstRow[id] = len(orders), r
			orders = append(orders, Order{ID: id, PickupPoint: pp, Activity: act, PlacedS: ps})
			i = len(orders) - 1
		case i < 0:
			v.Add(at(r, cID), "order_id: order %q is already in the input document", id)
			continue
		default:
			o := orders[i]
			if o.PickupPoint != pp || o.Activity != act || !samePlaced(o.PlacedS, ps) {
				v.Add(at(r, cID), "order_id: order %q has another pickup point, activity or placed_at in row %d", id, firstRow[id]+1)
				continue
			}
			for _, l := range o.Lines {
				if l.SKU == sku {
					v.Add(at(r, cSKU), "sku: order %q lists %s twice (row %d has it too)", id, sku, firstRow[id]+1)
				}
			}
		}
		orders[i].Lines = append(orders[i].Lines, OrderLine{SKU: sku, Quantity: q})
	}
	if err := v.Err(); err != nil {
		return err
	}
	in.Orders = append(in.Orders, orders...)
	return nil
}

// ReadOrdersFile reads orders from path, CSV or XLSX by its extension.
func ReadOrdersFile(path string, in *Input) error {
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return ReadOrders(f, path, format, in)
}

func samePlaced(a, b *int) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// parseClock reads "HH:MM" on the delivery day or "D-1 HH:MM" the day
// before, as seconds after midnight of the delivery day.
func parseClock(s string) (int, bool) {
	day := 0
	if rest, ok := strings.CutPrefix(s, "D-1 "); ok {
		day, s = -1, rest
	}
	hh, mm, ok := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || len(mm) != 2 || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, false
	}
	return day*86400 + h*3600 + m*60, true
}
