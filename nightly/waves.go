package nightly

import (
	"fmt"
	"math"

	"fulfil/datasets"
	"fulfil/solver/vrp"
	"fulfil/solver/wave"
)

// waveInput builds warehouse w's wave-planning problem: its floor, its
// stock spread over each SKU's slots, one order per pickup point it
// delivers to tonight (that delivery's lines), and its trucks with their
// stops in route order, so each truck's goods form one wave loaded in
// reverse stop order. Deliveries no truck carries are left out and
// returned by pickup point.
func waveInput(s *datasets.Scenario, w datasets.Warehouse, ds []datasets.Delivery, rin *vrp.Input, routes *vrp.Output, opt Options) (*wave.Input, []string, error) {
	if w.Floor == nil {
		return nil, nil, fmt.Errorf("warehouse %s has no floor plan", w.ID)
	}
	f := w.Floor
	in := &wave.Input{
		Layout: wave.Layout{
			Aisles: f.Aisles, Cells: f.Cells, AislePitchM: f.AislePitchM, CellPitchM: f.CellPitchM,
			TopGapM: f.EndGapM, BottomGapM: f.EndGapM,
		},
		Cart:  opt.Cart,
		Times: opt.Times,
	}
	for _, k := range s.SKUs {
		in.SKUs = append(in.SKUs, wave.SKU{
			ID:            k.ID,
			UnitVolumeCm3: int64(math.Round(k.VolumeM3 * 1e6)),
			UnitWeightG:   int64(math.Round(k.WeightKg * 1e3)),
		})
	}
	// Each SKU's stock is split evenly over its slots, the first slot
	// taking the remainder.
	slots := make(map[string][]datasets.Slot, len(s.SKUs))
	for _, sl := range f.Slots {
		slots[sl.SKU] = append(slots[sl.SKU], sl)
	}
	for _, st := range s.Stock {
		if st.Warehouse != w.ID {
			continue
		}
		ss := slots[st.SKU]
		if len(ss) == 0 {
			continue
		}
		per := st.Units / int64(len(ss))
		for i, sl := range ss {
			u := per
			if i == 0 {
				u += st.Units - per*int64(len(ss))
			}
			in.Locations = append(in.Locations, wave.Location{
				ID: fmt.Sprintf("A%02d-C%02d", sl.Aisle, sl.Cell), SKU: sl.SKU, Aisle: sl.Aisle, Cell: sl.Cell, Stock: int(u),
			})
		}
	}
	// Trucks of this warehouse and the pickup points they serve.
	byStop := make(map[string]int, len(rin.Stops)) // stop id → delivery
	for i, st := range rin.Stops {
		byStop[st.ID] = i
	}
	routed := make(map[int]bool)
	for _, r := range routes.Routes {
		if r.StartDepot != w.ID || len(r.Visits) == 0 {
			continue
		}
		t := wave.Truck{ID: r.Vehicle, DepartureS: int(math.Round(r.StartS))}
		for _, v := range r.Visits {
			d := byStop[v.Stop]
			if ds[d].Warehouse != w.ID {
				return nil, nil, fmt.Errorf("truck %s of %s carries %s, loaded at %s", r.Vehicle, w.ID, v.Stop, ds[d].Warehouse)
			}
			routed[d] = true
			t.Stops = append(t.Stops, ds[d].PickupPoint)
		}
		in.Trucks = append(in.Trucks, t)
	}
	var unrouted []string
	for i, d := range ds {
		if d.Warehouse != w.ID {
			continue
		}
		if !routed[i] {
			unrouted = append(unrouted, d.PickupPoint)
			continue
		}
		o := wave.Order{ID: d.PickupPoint + "@" + w.ID, PickupPoint: d.PickupPoint}
		for _, l := range d.Lines {
			o.Lines = append(o.Lines, wave.OrderLine{SKU: l.SKU, Quantity: int(l.Quantity)})
		}
		in.Orders = append(in.Orders, o)
	}
	return in, unrouted, nil
}
