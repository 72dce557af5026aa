package nightly

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Shortage reasons.
const (
	ShortStock   = "stock"    // no warehouse had the units
	ShortNoTruck = "no_truck" // allocated, but no truck carries the delivery
)

// Shortage is accepted demand a pickup point does not get tonight.
type Shortage struct {
	SKU         string `json:"sku"`
	PickupPoint string `json:"pickup_point"`
	Warehouse   string `json:"warehouse,omitempty"` // for no_truck: where the goods wait
	Short       int64  `json:"short"`
	Reason      string `json:"reason"`
}

// PurchaseLine is what to order from a supplier for one warehouse.
type PurchaseLine struct {
	Supplier  string `json:"supplier"`
	SKU       string `json:"sku"`
	Name      string `json:"name"`
	Warehouse string `json:"warehouse"`
	// ShippedTonight is what the warehouse ships of the SKU tonight: the
	// demand the order replaces.
	ShippedTonight int64   `json:"shipped_tonight"`
	Quantity       float64 `json:"quantity"`
	Unit           string  `json:"unit"`
	Cases          float64 `json:"cases"`
	// Due is the day the goods are due at the warehouse: the delivery day
	// plus the supplier's lead time, YYYY-MM-DD.
	Due     string  `json:"due"`
	CostCNY float64 `json:"cost_cny"`
	Note    string  `json:"note,omitempty"`
}

// shortages lists the stock shortages of the allocation and the lines of
// deliveries no truck carries, in SKU then pickup-point order.
func (p *Plan) shortages(in *Input, ix *index) {
	for _, u := range p.Allocation.Output.Unmet {
		p.Shortages = append(p.Shortages, Shortage{SKU: u.SKU, PickupPoint: u.PickupPoint, Short: u.Units, Reason: ShortStock})
	}
	for _, i := range p.Routing.Unrouted {
		d := p.Allocation.Deliveries[i]
		for _, l := range d.Lines {
			p.Shortages = append(p.Shortages, Shortage{SKU: l.SKU, PickupPoint: d.PickupPoint, Warehouse: d.Warehouse, Short: l.Quantity, Reason: ShortNoTruck})
		}
	}
	sortBy(p.Shortages, func(s Shortage) (int, int) { return ix.sku[s.SKU], ix.point[s.PickupPoint] })
}

// purchase turns the replenishment orders into the suppliers' purchase
// list, by supplier, SKU and warehouse.
func (p *Plan) purchase(in *Input, ix *index) {
	day, _ := time.Parse(time.DateOnly, in.Date)
	type pair struct{ w, k string }
	shipped := map[pair]int64{}
	for _, as := range p.Allocation.Output.Assignments {
		shipped[pair{as.Warehouse, as.SKU}] += as.Units
	}
	for _, o := range p.Replenishment.Orders {
		if o.Quantity <= 0 {
			continue
		}
		sku := in.SKUs[ix.sku[o.SKU]]
		sup := in.Suppliers[ix.supplier[o.Supplier]]
		unit := sku.Unit
		if unit == "" {
			unit = "unit"
		}
		p.Purchase = append(p.Purchase, PurchaseLine{
			Supplier: sup.ID, SKU: sku.ID, Name: sku.Name, Warehouse: o.Warehouse, ShippedTonight: shipped[pair{o.Warehouse, o.SKU}],
			Quantity: o.Quantity, Unit: unit,
			Cases: o.Cases, Due: day.AddDate(0, 0, int(math.Ceil(sup.LeadTimeDays))).Format(time.DateOnly),
			CostCNY: math.Round(o.Quantity*sku.CostCNY*100) / 100, Note: o.Note,
		})
	}
	sortBy(p.Purchase, func(l PurchaseLine) (int, int) {
		return ix.supplier[l.Supplier]*len(in.SKUs) + ix.sku[l.SKU], ix.warehouse[l.Warehouse]
	})
}

// sortBy sorts xs stably by the pair of keys key gives.
func sortBy[T any](xs []T, key func(T) (int, int)) {
	slices.SortStableFunc(xs, func(a, b T) int {
		a1, a2 := key(a)
		b1, b2 := key(b)
		if c := cmp.Compare(a1, b1); c != 0 {
			return c
		}
		return cmp.Compare(a2, b2)
	})
}
