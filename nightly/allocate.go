package nightly

import (
	"context"
	"fmt"

	"fulfil/geo"
	"fulfil/solver/alloc"
)

// AllocationStage sends each pickup point's accepted demand per SKU to the
// warehouses, and groups the result into deliveries.
type AllocationStage struct {
	Input  *alloc.Input  `json:"input"`
	Output *alloc.Output `json:"output"`
	Check  CheckReport   `json:"check"`
	// Deliveries are what one warehouse sends one pickup point, in pickup
	// point then warehouse order, lines in SKU order. The routing's
	// Stops[i] is Deliveries[i].
	Deliveries []Delivery `json:"deliveries"`
}

// Delivery is what one warehouse sends one pickup point tonight.
type Delivery struct {
	PickupPoint string      `json:"pickup_point"`
	Warehouse   string      `json:"warehouse"`
	Lines       []OrderLine `json:"lines"`
	WeightKg    float64     `json:"weight_kg"`
	VolumeM3    float64     `json:"volume_m3"`
	// Cold is set when a line is chilled or frozen: only a truck with
	// booked refrigeration may carry it.
	Cold bool `json:"cold"`
}

// allocate builds the allocation problem (each pickup point at home with
// its nearest warehouse, costs from great-circle distance), solves it,
// checks it and groups it into deliveries.
func (p *Plan) allocate(ctx context.Context, in *Input, ix *index, opt Options) error {
	a := &alloc.Input{CostPerUnitKm: opt.CostPerUnitKm}
	for _, w := range in.Warehouses {
		a.Warehouses = append(a.Warehouses, alloc.Warehouse{ID: w.ID, Location: w.Location})
	}
	for _, pp := range in.PickupPoints {
		home, best := "", 0.0
		for _, w := range in.Warehouses {
			if d := geo.HaversineM(pp.Location, w.Location); home == "" || d < best {
				home, best = w.ID, d
			}
		}
		a.PickupPoints = append(a.PickupPoints, alloc.PickupPoint{ID: pp.ID, Location: pp.Location, Home: home})
	}
	for _, k := range in.SKUs {
		a.SKUs = append(a.SKUs, alloc.SKU{ID: k.ID})
	}
	for _, st := range in.Stock {
		a.Stock = append(a.Stock, alloc.Stock{Warehouse: st.Warehouse, SKU: st.SKU, Units: st.Units})
	}
	for _, d := range p.Rules.Accepted {
		a.Demand = append(a.Demand, alloc.Demand{PickupPoint: d.PickupPoint, SKU: d.SKU, Units: d.Units})
	}
	st := &p.Allocation
	st.Input = a
	var err error
	if st.Output, err = alloc.Allocate(ctx, a, opt.Alloc); err != nil {
		return fmt.Errorf("allocating: %w", err)
	}
	// Allocate checks its own answer; the plan keeps the verdict.
	rep, err := alloc.Check(a, opt.Alloc, st.Output)
	if err == nil && !rep.Feasible {
		err = fmt.Errorf("%d violations, first %s", len(rep.Violations)+rep.Dropped, rep.Violations[0])
	}
	if err != nil {
		st.Check = failed(err)
		return fmt.Errorf("checking the allocation: %w", err)
	}
	st.Check = passed()
	st.Deliveries = deliveries(st.Output, in, ix)
	return nil
}

// deliveries groups an allocation's assignments by pickup point and
// warehouse, in input order, lines in SKU order.
func deliveries(a *alloc.Output, in *Input, ix *index) []Delivery {
	nw, nk := len(in.Warehouses), len(in.SKUs)
	units := make([]int64, len(in.PickupPoints)*nw*nk) // [(p*nw+w)*nk+k]
	for _, as := range a.Assignments {
		units[(ix.point[as.PickupPoint]*nw+ix.warehouse[as.Warehouse])*nk+ix.sku[as.SKU]] += as.Units
	}
	var out []Delivery
	for p, pp := range in.PickupPoints {
		for w, wh := range in.Warehouses {
			d := Delivery{PickupPoint: pp.ID, Warehouse: wh.ID}
			for k, sk := range in.SKUs {
				u := units[(p*nw+w)*nk+k]
				if u == 0 {
					continue
				}
				d.Lines = append(d.Lines, OrderLine{SKU: sk.ID, Quantity: u})
				d.WeightKg += float64(u) * sk.WeightKg
				d.VolumeM3 += float64(u) * sk.VolumeM3
				d.Cold = d.Cold || sk.Temperature != Ambient
			}
			if len(d.Lines) > 0 {
				out = append(out, d)
			}
		}
	}
	return out
}
