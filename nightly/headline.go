package nightly

import "math"

// Headline holds the night's figures, each with its unit in its name.
type Headline struct {
	Orders          int     `json:"orders"`
	UnitsOrdered    int64   `json:"units_ordered"`
	UnitsCancelled  int64   `json:"units_cancelled"` // activities not formed, after the red line
	UnitsAccepted   int64   `json:"units_accepted"`
	UnitsDelivered  int64   `json:"units_delivered"`
	UnitsShort      int64   `json:"units_short"` // accepted but not delivered
	GoodsValueCNY   float64 `json:"goods_value_cny"`
	ShortValueCNY   float64 `json:"short_value_cny"`
	PurchaseCostCNY float64 `json:"purchase_cost_cny"`
	Trucks          int     `json:"trucks"`
	TrucksUsed      int     `json:"trucks_used"`
	Trips           int     `json:"trips"`
	Stops           int     `json:"stops"`
	DistanceKm      float64 `json:"distance_km"`
	WeightKg        float64 `json:"weight_kg"`
	LastReturnS     float64 `json:"last_return_s"`
	LateStops       int     `json:"late_stops"`
	Carts           int     `json:"carts"`
	PickHours       float64 `json:"pick_hours"`
	WalkKm          float64 `json:"walk_km"`
	LateWaves       int     `json:"late_waves"`
	Reorders        int     `json:"reorders"`
	Alerts          int     `json:"alerts"`
}

func (p *Plan) headline(in *Input, ix *index) {
	h := Headline{Orders: len(in.Orders), Trucks: len(in.Trucks), Alerts: len(p.Alerts), Reorders: len(p.Purchase)}
	price := func(sku string) float64 { return in.SKUs[ix.sku[sku]].PriceCNY }
	for _, o := range in.Orders {
		for _, l := range o.Lines {
			h.UnitsOrdered += l.Quantity
		}
	}
	for _, c := range p.Rules.Cancelled {
		h.UnitsCancelled += c.Quantity
	}
	for _, d := range p.Rules.Accepted {
		h.UnitsAccepted += d.Units
	}
	for _, s := range p.Shortages {
		h.UnitsShort += s.Short
		h.ShortValueCNY += float64(s.Short) * price(s.SKU)
	}
	used := map[string]bool{}
	for _, t := range p.Routing.Trips {
		used[t.Truck] = true
		h.Trips++
		h.DistanceKm += t.DistanceM / 1000
		h.WeightKg += t.WeightKg
		h.LastReturnS = math.Max(h.LastReturnS, t.DelayedReturnS)
		for _, s := range t.Stops {
			h.Stops++
			if s.LateS > 0 {
				h.LateStops++
			}
			for _, l := range p.Allocation.Deliveries[s.Delivery].Lines {
				h.UnitsDelivered += l.Quantity
				h.GoodsValueCNY += float64(l.Quantity) * price(l.SKU)
			}
		}
	}
	h.TrucksUsed = len(used)
	for _, ww := range p.Waves {
		if ww.Output != nil {
			h.Carts += ww.Output.Batches
			h.PickHours += ww.Output.TimeS / 3600
			h.WalkKm += ww.Output.DistanceM / 1000
		}
		for _, s := range ww.Schedule {
			if s.LateS > 0 {
				h.LateWaves++
			}
		}
	}
	for _, l := range p.Purchase {
		h.PurchaseCostCNY += l.CostCNY
	}
	h.GoodsValueCNY = math.Round(h.GoodsValueCNY*100) / 100
	h.ShortValueCNY = math.Round(h.ShortValueCNY*100) / 100
	h.PurchaseCostCNY = math.Round(h.PurchaseCostCNY*100) / 100
	h.DistanceKm = math.Round(h.DistanceKm*10) / 10
	p.Headline = h
}
