package nightly

import (
	"context"
	"fmt"
	"math"

	"fulfil/solver/wave"
)

// WarehouseWaves is one warehouse's picking: the wave problem built from
// its trucks' trips, the plan, its check, and the schedule of its pickers.
type WarehouseWaves struct {
	Warehouse string       `json:"warehouse"`
	Pickers   int          `json:"pickers"`
	Input     *wave.Input  `json:"input"`
	Output    *wave.Output `json:"output"`
	Check     *wave.Report `json:"check"`
	// Schedule gives each wave (one per truck trip; a later trip's wave is
	// named truck/trip, as T02/2) its start and finish,
	// in the plan's wave order; Carts each cart's picker and times, in wave
	// then batch order.
	Schedule []WaveSlot `json:"schedule"`
	Carts    []CartSlot `json:"carts"`
}

// WaveSlot is one wave in time: picking for trip Trip of truck Truck runs
// from StartS to FinishS; LateS > 0 when it finishes after the truck was
// to leave on that trip (for a later trip, after its reload).
type WaveSlot struct {
	Wave       string  `json:"wave"`
	Truck      string  `json:"truck"`
	Trip       int     `json:"trip"` // from 1
	Carts      int     `json:"carts"`
	StartS     float64 `json:"start_s"`
	FinishS    float64 `json:"finish_s"`
	DepartureS float64 `json:"departure_s"`
	LateS      float64 `json:"late_s"`
}

// CartSlot is one cart's pick tour given to a picker.
type CartSlot struct {
	Wave    int     `json:"wave"`   // index into Output.Waves
	Batch   int     `json:"batch"`  // index into that wave's Batches
	Picker  int     `json:"picker"` // from 1
	StartS  float64 `json:"start_s"`
	FinishS float64 `json:"finish_s"`
}

// planWaves plans each warehouse's picking from the trips leaving it, checks
// it, and schedules its pickers.
func (p *Plan) planWaves(ctx context.Context, in *Input, ix *index, opt Options) error {
	for _, w := range in.Warehouses {
		ww := WarehouseWaves{Warehouse: w.ID, Pickers: w.Pickers, Input: waveInput(in, w, p.Allocation.Deliveries, p.Routing.Trips, opt)}
		if len(ww.Input.Orders) > 0 {
			var err error
			if ww.Output, err = wave.Plan(ctx, ww.Input, opt.Waves); err != nil {
				return fmt.Errorf("planning the waves of %s: %w", w.ID, err)
			}
			if ww.Check, err = wave.Check(ww.Input, ww.Output); err != nil {
				return fmt.Errorf("checking the waves of %s: %w", w.ID, err)
			}
			ww.Schedule, ww.Carts = schedule(ww.Output, w, p.Routing.Trips)
		}
		p.Waves = append(p.Waves, ww)
	}
	return nil
}

// waveInput builds warehouse w's wave-planning problem: its floor, its
// stock spread over each SKU's slots, one order per delivery its trucks
// carry (the order id is the pickup point's), and its trips with their
// stops in driving order, so each trip's goods form one wave loaded in
// reverse stop order.
func waveInput(in *Input, w Warehouse, ds []Delivery, trips []Trip, opt Options) *wave.Input {
	f := w.Floor
	wi := &wave.Input{
		Layout: wave.Layout{
			Aisles: f.Aisles, Cells: f.Cells, AislePitchM: f.AislePitchM, CellPitchM: f.CellPitchM,
			TopGapM: f.EndGapM, BottomGapM: f.EndGapM,
		},
		Cart:  opt.Cart,
		Times: opt.Times,
	}
	for _, k := range in.SKUs {
		wi.SKUs = append(wi.SKUs, wave.SKU{
			ID:            k.ID,
			UnitVolumeCm3: int64(math.Round(k.VolumeM3 * 1e6)),
			UnitWeightG:   int64(math.Round(k.WeightKg * 1e3)),
		})
	}
	// Each SKU's stock is split evenly over its slots, the first slot
	// taking the remainder.
	slots := make(map[string][]Slot, len(in.SKUs))
	for _, sl := range f.Slots {
		slots[sl.SKU] = append(slots[sl.SKU], sl)
	}
	for _, st := range in.Stock {
		ss := slots[st.SKU]
		if st.Warehouse != w.ID || len(ss) == 0 {
			continue
		}
		per := st.Units / int64(len(ss))
		for i, sl := range ss {
			u := per
			if i == 0 {
				u += st.Units - per*int64(len(ss))
			}
			wi.Locations = append(wi.Locations, wave.Location{
				ID: locationID(sl), SKU: sl.SKU, Aisle: sl.Aisle, Cell: sl.Cell, Stock: int(u),
			})
		}
	}
	for _, t := range trips {
		if t.Warehouse != w.ID {
			continue
		}
		wt := wave.Truck{ID: waveID(t.Truck, t.Trip), DepartureS: int(math.Floor(t.DepartS))}
		for _, s := range t.Stops {
			d := ds[s.Delivery]
			wt.Stops = append(wt.Stops, d.PickupPoint)
			o := wave.Order{ID: d.PickupPoint, PickupPoint: d.PickupPoint}
			for _, l := range d.Lines {
				o.Lines = append(o.Lines, wave.OrderLine{SKU: l.SKU, Quantity: int(l.Quantity)})
			}
			wi.Orders = append(wi.Orders, o)
		}
		wi.Trucks = append(wi.Trucks, wt)
	}
	return wi
}

// waveID names the wave of a truck's trip: the truck for its first trip,
// truck/trip for a later one.
func waveID(truck string, trip int) string {
	if trip == 1 {
		return truck
	}
	return fmt.Sprintf("%s/%d", truck, trip)
}

// locationID names a slot on the floor: aisle and cell, from 1.
func locationID(s Slot) string { return fmt.Sprintf("A%02d-C%02d", s.Aisle+1, s.Cell+1) }

// schedule gives the carts to the warehouse's pickers from its picking
// start, waves in the plan's order (by departure) and carts in batch
// order, each cart to the picker free first (the lowest number on a tie):
// list scheduling, which keeps earlier trucks' waves first. A wave is late
// when its last cart comes back after its truck was to leave on its trip.
func schedule(out *wave.Output, w Warehouse, trips []Trip) ([]WaveSlot, []CartSlot) {
	type truckTrip struct {
		truck string
		trip  int
	}
	byWave := make(map[string]truckTrip, len(trips))
	for _, t := range trips {
		if t.Warehouse == w.ID {
			byWave[waveID(t.Truck, t.Trip)] = truckTrip{t.Truck, t.Trip}
		}
	}
	free := make([]float64, w.Pickers)
	for i := range free {
		free[i] = float64(w.PickStartS)
	}
	var slots []WaveSlot
	var carts []CartSlot
	for wi, wv := range out.Waves {
		tt, ok := byWave[wv.Truck]
		if !ok {
			panic(fmt.Sprintf("nightly: wave %s of %s has no truck trip", wv.ID, w.ID))
		}
		s := WaveSlot{Wave: wv.ID, Truck: tt.truck, Trip: tt.trip, Carts: len(wv.Batches), DepartureS: float64(wv.DepartureS),
			StartS: math.Inf(1), FinishS: float64(w.PickStartS)}
		for bi, b := range wv.Batches {
			k := 0
			for i := range free {
				if free[i] < free[k] {
					k = i
				}
			}
			c := CartSlot{Wave: wi, Batch: bi, Picker: k + 1, StartS: free[k], FinishS: free[k] + b.TimeS}
			free[k] = c.FinishS
			s.StartS = math.Min(s.StartS, c.StartS)
			s.FinishS = math.Max(s.FinishS, c.FinishS)
			carts = append(carts, c)
		}
		if len(wv.Batches) == 0 {
			s.StartS = s.FinishS
		}
		s.LateS = math.Max(0, math.Ceil(s.FinishS-s.DepartureS))
		slots = append(slots, s)
	}
	return slots, carts
}
