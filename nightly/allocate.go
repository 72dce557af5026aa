package nightly

import (
	"fulfil/datasets"
	"fulfil/geo"
	"fulfil/solver/alloc"
)

// allocationInput turns the scenario's orders and stock into an allocation
// problem: demand per pickup point and SKU, each pickup point at home with
// its nearest warehouse, costs from great-circle distance.
func allocationInput(s *datasets.Scenario, costPerUnitKm float64) (*alloc.Input, error) {
	ds, err := s.Deliveries()
	if err != nil {
		return nil, err
	}
	in := &alloc.Input{CostPerUnitKm: costPerUnitKm}
	for _, w := range s.Warehouses {
		in.Warehouses = append(in.Warehouses, alloc.Warehouse{ID: w.ID, Location: w.Location})
	}
	for _, p := range s.PickupPoints {
		home, best := "", 0.0
		for _, w := range s.Warehouses {
			if d := geo.HaversineM(p.Location, w.Location); home == "" || d < best {
				home, best = w.ID, d
			}
		}
		in.PickupPoints = append(in.PickupPoints, alloc.PickupPoint{ID: p.ID, Location: p.Location, Home: home})
	}
	for _, k := range s.SKUs {
		in.SKUs = append(in.SKUs, alloc.SKU{ID: k.ID})
	}
	for _, st := range s.Stock {
		in.Stock = append(in.Stock, alloc.Stock{Warehouse: st.Warehouse, SKU: st.SKU, Units: st.Units})
	}
	for _, d := range ds {
		for _, l := range d.Lines {
			in.Demand = append(in.Demand, alloc.Demand{PickupPoint: d.PickupPoint, SKU: l.SKU, Units: l.Quantity})
		}
	}
	return in, nil
}

// deliveries groups an allocation's assignments by pickup point and
// warehouse, in the scenario's pickup-point and warehouse order, lines in
// SKU order.
func deliveries(a *alloc.Output, s *datasets.Scenario) []datasets.Delivery {
	nw, nk := len(s.Warehouses), len(s.SKUs)
	wi := make(map[string]int, nw)
	for w, wh := range s.Warehouses {
		wi[wh.ID] = w
	}
	pi := make(map[string]int, len(s.PickupPoints))
	for p, pp := range s.PickupPoints {
		pi[pp.ID] = p
	}
	ki := make(map[string]int, nk)
	for k, sk := range s.SKUs {
		ki[sk.ID] = k
	}
	units := make([]int64, len(s.PickupPoints)*nw*nk) // [(p*nw+w)*nk+k]
	for _, as := range a.Assignments {
		units[(pi[as.PickupPoint]*nw+wi[as.Warehouse])*nk+ki[as.SKU]] += as.Units
	}
	var out []datasets.Delivery
	for p, pp := range s.PickupPoints {
		for w, wh := range s.Warehouses {
			var lines []datasets.OrderLine
			for k, sk := range s.SKUs {
				if u := units[(p*nw+w)*nk+k]; u > 0 {
					lines = append(lines, datasets.OrderLine{SKU: sk.ID, Quantity: u})
				}
			}
			if len(lines) > 0 {
				out = append(out, datasets.Delivery{PickupPoint: pp.ID, Warehouse: wh.ID, Lines: lines})
			}
		}
	}
	return out
}
