package datasets

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"fulfil/nightly"
)

// genStock gives each warehouse a floor plan and its stock. A warehouse
// holds about its home share of each SKU's demand (the demand of the
// pickup points nearest to it), give or take 25 %, so that some SKUs are
// short at one warehouse and in surplus at another, and a few are short
// overall: the allocation has something to decide.
func genStock(s *nightly.Input, r *rand.Rand) {
	nw := len(s.Warehouses)
	home := make(map[string]int, len(s.PickupPoints))
	for _, p := range s.PickupPoints {
		best, bestD := 0, math.Inf(1)
		for w, wh := range s.Warehouses {
			d := math.Hypot(p.Location[0]-wh.Location[0], p.Location[1]-wh.Location[1])
			if d < bestD {
				best, bestD = w, d
			}
		}
		home[p.ID] = best
	}
	sku := make(map[string]int, len(s.SKUs))
	for k, sk := range s.SKUs {
		sku[sk.ID] = k
	}
	demand := make([]int64, nw*len(s.SKUs)) // [w*skus+k]
	total := make([]int64, len(s.SKUs))
	for _, o := range s.Orders {
		w := home[o.PickupPoint]
		for _, l := range o.Lines {
			k := sku[l.SKU]
			demand[w*len(s.SKUs)+k] += l.Quantity
			total[k] += l.Quantity
		}
	}
	for w, wh := range s.Warehouses {
		for k, sk := range s.SKUs {
			units := int64(math.Round(float64(demand[w*len(s.SKUs)+k]) * (0.8 + 0.45*r.Float64())))
			s.Stock = append(s.Stock, nightly.StockLevel{
				Warehouse: wh.ID, SKU: sk.ID, Units: units,
				ExpiresInDays: 1 + r.IntN(max(1, sk.ShelfLifeDays)),
			})
		}
		s.Warehouses[w].Floor = genFloor(s, total, r)
	}
}

// genFloor lays out 10 aisles of 30 cells and slots the SKUs by demand: the
// best sellers nearest the dock, each SKU in two cells, the second in the
// back half as reserve, so a picker may take a SKU from either.
func genFloor(s *nightly.Input, total []int64, r *rand.Rand) nightly.Floor {
	f := nightly.Floor{Aisles: 10, Cells: 30, AislePitchM: 3, CellPitchM: 1.2, EndGapM: 1.5}
	order := make([]int, len(s.SKUs))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(total[b], total[a]) })
	// Cells by distance from the dock at the front of aisle 0.
	type cell struct{ aisle, cell int }
	var front, back []cell
	for a := range f.Aisles {
		for c := range f.Cells {
			if c < f.Cells/2 {
				front = append(front, cell{a, c})
			} else {
				back = append(back, cell{a, c})
			}
		}
	}
	dist := func(x cell) float64 { return float64(x.aisle)*f.AislePitchM + float64(x.cell)*f.CellPitchM }
	byDist := func(a, b cell) int { return cmp.Compare(dist(a), dist(b)) }
	slices.SortStableFunc(front, byDist)
	slices.SortStableFunc(back, byDist)
	// Spread the SKUs over the nearest cells with a random skip, as real
	// slotting leaves gaps for other goods.
	fi, bi := 0, 0
	for _, k := range order {
		if fi >= len(front) || bi >= len(back) {
			break
		}
		f.Slots = append(f.Slots, nightly.Slot{SKU: s.SKUs[k].ID, Aisle: front[fi].aisle, Cell: front[fi].cell})
		f.Slots = append(f.Slots, nightly.Slot{SKU: s.SKUs[k].ID, Aisle: back[bi].aisle, Cell: back[bi].cell})
		fi += 1 + r.IntN(4)
		bi += 1 + r.IntN(4)
	}
	return f
}
