package wave

import "fulfil/solver"

// Input is a wave-planning problem: one warehouse, its stock, the orders of
// a cut-off and the trucks that will carry them.
type Input struct {
	Layout    Layout     `json:"layout"`
	SKUs      []SKU      `json:"skus"`
	Locations []Location `json:"locations"`
	Orders    []Order    `json:"orders"`
	// Trucks give the waves: the orders of one truck's pickup points form
	// one wave, planned in order of departure. Without trucks every pickup
	// point is its own wave.
	Trucks []Truck   `json:"trucks,omitempty"`
	Cart   Cart      `json:"cart"`
	Times  TimeModel `json:"times"`
}

// SKU is a stock-keeping unit; one unit of it has the given volume and
// weight.
type SKU struct {
	ID            string `json:"id"`
	UnitVolumeCm3 int64  `json:"unit_volume_cm3"`
	UnitWeightG   int64  `json:"unit_weight_g"`
}

// Location is a storage location holding Stock units of one SKU. A SKU may
// be stored in several locations.
type Location struct {
	ID    string `json:"id"`
	SKU   string `json:"sku"`
	Aisle int    `json:"aisle"`
	Cell  int    `json:"cell"`
	Side  string `json:"side,omitempty"` // "left", "right" or empty; no effect on distances
	Stock int    `json:"stock"`
}

// Order is a customer order to be collected at a pickup point.
type Order struct {
	ID          string      `json:"id"`
	PickupPoint string      `json:"pickup_point"`
	Lines       []OrderLine `json:"lines"`
}

// OrderLine asks for Quantity units of one SKU.
type OrderLine struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// Truck is one delivery route: it leaves at DepartureS and visits Stops
// (pickup point ids) in that order, so it is loaded in the reverse order.
type Truck struct {
	ID         string   `json:"id"`
	DepartureS int      `json:"departure_s"`
	Stops      []string `json:"stops"`
}

// Cart is the pick cart every batch uses. A zero limit is no limit, except
// that pick-by-order needs Bins >= 1.
type Cart struct {
	Bins         int   `json:"bins"`           // bins per cart (pick-by-order)
	BinVolumeCm3 int64 `json:"bin_volume_cm3"` // capacity of one bin
	VolumeCm3    int64 `json:"volume_cm3"`     // all goods on the cart
	WeightG      int64 `json:"weight_g"`
	Lines        int   `json:"lines"` // pick lines per cart
}

// TimeModel turns a batch into an estimated time. Zero fields count nothing.
type TimeModel struct {
	WalkMPerS      float64 `json:"walk_m_per_s"` // 0: walking is not timed
	PickSPerLine   float64 `json:"pick_s_per_line"`
	PickSPerUnit   float64 `json:"pick_s_per_unit"`
	SetupSPerBatch float64 `json:"setup_s_per_batch"`
}

// Output is a wave plan.
type Output struct {
	Waves     []Wave  `json:"waves"`
	Batches   int     `json:"batches"`
	DistanceM float64 `json:"distance_m"`
	TimeS     float64 `json:"time_s"`
	// Bound sums the waves' lower bounds.
	Bound Bound        `json:"bound"`
	Stats solver.Stats `json:"stats"`
}

// Wave is the plan of one wave: the orders of one truck (or one pickup
// point).
type Wave struct {
	ID           string   `json:"id"`              // truck id, or pickup point id
	Truck        string   `json:"truck,omitempty"` // empty when waves are by pickup point
	DepartureS   int      `json:"departure_s"`
	PickupPoints []string `json:"pickup_points"` // in delivery order
	Batches      []Batch  `json:"batches"`
	// Slots assigns every pickup point of the wave its sort-wall slot
	// (total pick) or its bins (pick-by-order).
	Slots []Slot `json:"slots"`
	// Puts are the sort-to-store instructions of total picking: which
	// quantities of a batch go to which slot.
	Puts []Put `json:"puts,omitempty"`
	// LoadingOrder lists pickup points in the order their goods go onto the
	// truck: the reverse of its stops, so the first stop is loaded last.
	LoadingOrder []string `json:"loading_order"`
	DistanceM    float64  `json:"distance_m"`
	TimeS        float64  `json:"time_s"`
	Bound        Bound    `json:"bound"`
	// DistanceGapPct and CartGapPct are 100·(value − bound)/bound.
	DistanceGapPct float64 `json:"distance_gap_pct"`
	CartGapPct     float64 `json:"cart_gap_pct"`
}

// Bound holds lower bounds: no plan of the wave uses fewer carts or walks
// less, however it splits orders between bins and carts and whichever
// locations it picks from. Carts is the largest of ⌈volume/cart volume⌉,
// ⌈weight/cart weight⌉, ⌈pick lines/cart lines⌉ and ⌈bins/cart bins⌉ (bins
// counted as ⌈volume/bin volume⌉ per pickup point). DistanceM is the
// largest of one optimal tour over the locations every plan must visit
// (those of SKUs held in one location), Carts times the shortest walk from
// the start to a location of the wave's SKUs and on to the end, the radial
// bound (goods made divisible, carts loaded by volume or weight in order of
// decreasing start–SKU–end distance, each paying that distance for its
// first load) and the aisle bound (bound.go): Carts times the start–end
// aisle distance and offsets, plus, per aisle segment, the least walking
// inside it that the carts need to reach its mandatory locations and to
// cross its block towards picks beyond, given that a cart serves at most
// Cart.Bins pickup points and carries at most one cart's load.
type Bound struct {
	Carts     int     `json:"carts"`
	DistanceM float64 `json:"distance_m"`
}

// Batch is one cart's pick tour.
type Batch struct {
	// Bins lists the cart's bins (pick-by-order); empty for total picking.
	Bins []Bin `json:"bins,omitempty"`
	// Picks lists the pick lines in walking order.
	Picks     []Pick     `json:"picks"`
	DistanceM float64    `json:"distance_m"`
	TimeS     float64    `json:"time_s"`
	VolumeCm3 int64      `json:"volume_cm3"`
	WeightG   int64      `json:"weight_g"`
	Path      []Waypoint `json:"path"`
}

// Bin is one bin of a cart, filled for one pickup point.
type Bin struct {
	Bin         int    `json:"bin"` // position on the cart, from 0
	PickupPoint string `json:"pickup_point"`
	VolumeCm3   int64  `json:"volume_cm3"`
	WeightG     int64  `json:"weight_g"`
}

// Pick is one pick line: take Quantity units from Location, into Bin
// (pick-by-order; -1 in total picking). Lines traces the order lines the
// units belong to.
type Pick struct {
	Location string    `json:"location"`
	SKU      string    `json:"sku"`
	Aisle    int       `json:"aisle"`
	Cell     int       `json:"cell"`
	Quantity int       `json:"quantity"`
	Bin      int       `json:"bin"`
	Lines    []LineRef `json:"lines"`
}

// LineRef is Quantity units of line Line of order Order.
type LineRef struct {
	Order    string `json:"order"`
	Line     int    `json:"line"`
	Quantity int    `json:"quantity"`
}

// Slot gives a pickup point its place: sort-wall slot (total picking) or,
// in pick-by-order, the bins that hold its goods as (batch, bin) pairs.
type Slot struct {
	PickupPoint string   `json:"pickup_point"`
	Slot        int      `json:"slot"` // put-wall slot, from 0, in loading order
	Bins        []BinRef `json:"bins,omitempty"`
}

// BinRef is bin Bin of batch Batch of the same wave.
type BinRef struct {
	Batch int `json:"batch"`
	Bin   int `json:"bin"`
}

// Put moves Quantity units of a SKU picked in batch Batch into sort-wall
// slot Slot, for PickupPoint.
type Put struct {
	Batch       int    `json:"batch"`
	SKU         string `json:"sku"`
	PickupPoint string `json:"pickup_point"`
	Slot        int    `json:"slot"`
	Quantity    int    `json:"quantity"`
}
