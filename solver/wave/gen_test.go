package wave_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"fulfil/solver/wave"
)

// genSpec describes a generated wave-planning instance.
type genSpec struct {
	orders, pickupPoints, skus int
	stopsPerTruck              int
	twoBlock                   bool
	blocks                     int     // more than two: that many blocks of equal length
	scattered                  float64 // share of SKUs stored in two locations
	seed                       uint64
}

// genInput builds a reproducible instance: a 16-aisle, 60-cell warehouse
// (two blocks if asked) with the depot at the front of aisle 0 and the sort
// wall at aisle 15, SKUs of skewed popularity (ABC), orders of 1..4 lines,
// pickup points of skewed size, trucks of stopsPerTruck stops.
func genInput(sp genSpec) *wave.Input {
	r := rand.New(rand.NewPCG(sp.seed, 77))
	l := wave.Layout{Aisles: 16, Cells: 60, AislePitchM: 3, CellPitchM: 1, TopGapM: 1, BottomGapM: 1}
	if sp.twoBlock {
		l.CrossAisles = []wave.CrossAisle{{AfterCell: 29, WidthM: 2}}
	}
	for b := 1; b < sp.blocks; b++ {
		l.CrossAisles = append(l.CrossAisles, wave.CrossAisle{AfterCell: b*l.Cells/sp.blocks - 1, WidthM: 2})
	}
	l.Start = wave.Depot{Aisle: 0, CrossAisle: l.Blocks(), OffsetM: 2}
	l.End = wave.Depot{Aisle: 15, CrossAisle: l.Blocks(), OffsetM: 2}
	in := &wave.Input{
		Layout: l,
		Cart:   wave.Cart{Bins: 6, BinVolumeCm3: 40000, VolumeCm3: 240000, WeightG: 150000, Lines: 80},
		Times:  wave.TimeModel{WalkMPerS: 1, PickSPerLine: 8, PickSPerUnit: 2, SetupSPerBatch: 60},
	}
	// slots: every (aisle, cell) once, shuffled
	slots := r.Perm(l.Aisles * l.Cells)
	next := 0
	for s := range sp.skus {
		id := fmt.Sprintf("S%d", s)
		in.SKUs = append(in.SKUs, wave.SKU{ID: id, UnitVolumeCm3: int64(200 + r.IntN(2800)), UnitWeightG: int64(100 + r.IntN(1900))})
		n := 1
		if r.Float64() < sp.scattered {
			n = 2
		}
		for k := range n {
			at := slots[next%len(slots)]
			next++
			side := "left"
			if at%2 == 1 {
				side = "right"
			}
			in.Locations = append(in.Locations, wave.Location{ID: fmt.Sprintf("L%d-%d", s, k), SKU: id,
				Aisle: at / l.Cells, Cell: at % l.Cells, Side: side, Stock: 4 * sp.orders / n})
		}
	}
	zipf := func(n int) int { // skewed index in [0, n)
		return min(n-1, int(math.Floor(float64(n)*math.Pow(r.Float64(), 2.2))))
	}
	for o := range sp.orders {
		ord := wave.Order{ID: fmt.Sprintf("O%d", o), PickupPoint: fmt.Sprintf("P%d", zipf(sp.pickupPoints))}
		nl := min(sp.skus, 1+r.IntN(4))
		used := map[int]bool{}
		for len(ord.Lines) < nl {
			s := zipf(sp.skus)
			if used[s] {
				continue
			}
			used[s] = true
			ord.Lines = append(ord.Lines, wave.OrderLine{SKU: fmt.Sprintf("S%d", s), Quantity: 1 + r.IntN(3)})
		}
		in.Orders = append(in.Orders, ord)
	}
	for t := 0; t*sp.stopsPerTruck < sp.pickupPoints; t++ {
		tr := wave.Truck{ID: fmt.Sprintf("T%d", t), DepartureS: 3600 * (1 + t%8)}
		for p := t * sp.stopsPerTruck; p < min(sp.pickupPoints, (t+1)*sp.stopsPerTruck); p++ {
			tr.Stops = append(tr.Stops, fmt.Sprintf("P%d", p))
		}
		in.Trucks = append(in.Trucks, tr)
	}
	return in
}
