package nightly

import "fulfil/geo"

// Input is one night of community group-buying fulfilment: the JSON
// document `fulfil plan` reads and POST /v1/plan takes. It holds the
// network (warehouses with their picking floors and pickers, pickup points,
// trucks), the catalogue and its suppliers, the group-buy activities, the
// orders at the cut-off, the stock and the demand history.
//
// Times are seconds after midnight of Date, the delivery day; the evening
// before is negative (22:00 is -7200). Locations are [lng, lat]. Money is
// CNY. Weights are kg, volumes m³, quantities whole units of a SKU.
type Input struct {
	Name string `json:"name"`
	// Date is the delivery day, YYYY-MM-DD.
	Date string `json:"date"`
	// DeadlineS is when every pickup point must have its goods (11:00 is
	// 39600).
	DeadlineS int    `json:"deadline_s"`
	Travel    Travel `json:"travel"`
	// Categories set the cut-off red line of their SKUs.
	Categories   []Category    `json:"categories"`
	Suppliers    []Supplier    `json:"suppliers"`
	Warehouses   []Warehouse   `json:"warehouses"`
	PickupPoints []PickupPoint `json:"pickup_points"`
	SKUs         []SKU         `json:"skus"`
	Activities   []Activity    `json:"activities"`
	Orders       []Order       `json:"orders"`
	Trucks       []Truck       `json:"trucks"`
	// Stock is what each warehouse holds of each SKU at the cut-off; a
	// missing pair holds nothing.
	Stock []StockLevel `json:"stock"`
	// History is the daily demand of SKUs at warehouses, for
	// replenishment; a pair without history gets no policy.
	History []DemandHistory `json:"history,omitempty"`
}

// Travel turns great-circle distance into driving: road metres are
// RoadFactor × haversine metres, driven at SpeedKmh.
type Travel struct {
	SpeedKmh   float64 `json:"speed_kmh"`
	RoadFactor float64 `json:"road_factor"`
	// UnloadSPerKg is unloading time per kg, on top of a pickup point's
	// fixed ServiceS.
	UnloadSPerKg float64 `json:"unload_s_per_kg"`
}

// Category is a group of SKUs sharing a cut-off red line: an order line of
// the category counts tonight only when placed by the red line, the
// earliest truck departure less PrepS. Fresh produce needs more
// preparation than daily goods, so its red line is earlier.
type Category struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// PrepS is the preparation between the red line and the first truck's
	// departure (purchase, receiving, picking).
	PrepS int `json:"prep_s"`
}

// Supplier delivers SKUs to the warehouses.
type Supplier struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Contact string `json:"contact,omitempty"`
	// LeadTimeDays and LeadTimeSDDays describe a replenishment from order to
	// arrival at a warehouse.
	LeadTimeDays   float64 `json:"lead_time_days"`
	LeadTimeSDDays float64 `json:"lead_time_sd_days,omitempty"`
}

// Warehouse is a grid warehouse: where trucks load and pickers work.
type Warehouse struct {
	ID       string    `json:"id"`
	Name     string    `json:"name,omitempty"`
	Address  string    `json:"address,omitempty"`
	Location geo.Point `json:"location"`
	// Pickers work in parallel from PickStartS, each pushing one cart at a
	// time.
	Pickers    int `json:"pickers"`
	PickStartS int `json:"pick_start_s"`
	// ReloadS is how long a truck back from one trip takes to load its
	// next trip here (Options.MaxTrips); nil: DefaultReloadS.
	ReloadS *int  `json:"reload_s,omitempty"`
	Floor   Floor `json:"floor"`
}

// DefaultReloadS is a warehouse's reload time between two trips of a truck
// when its input gives none: 30 minutes.
const DefaultReloadS = 1800

// reloadS is the warehouse's reload time, its own or the default.
func (w Warehouse) reloadS() int {
	if w.ReloadS == nil {
		return DefaultReloadS
	}
	return *w.ReloadS
}

// Floor is a warehouse's picking floor: one block of parallel aisles
// between a front and a back cross aisle, the pick tour starting and
// ending at the front of aisle 0 (the dispatch dock), and where each SKU is
// slotted.
type Floor struct {
	Aisles      int     `json:"aisles"`
	Cells       int     `json:"cells"`         // storage cells along each aisle
	AislePitchM float64 `json:"aisle_pitch_m"` // centre to centre of neighbouring aisles
	CellPitchM  float64 `json:"cell_pitch_m"`
	EndGapM     float64 `json:"end_gap_m"` // cross aisle to the first or last cell
	Slots       []Slot  `json:"slots"`
}

// Slot is a storage cell holding one SKU. Cell 0 is at the front. A SKU's
// stock is spread evenly over its slots.
type Slot struct {
	SKU   string `json:"sku"`
	Aisle int    `json:"aisle"`
	Cell  int    `json:"cell"`
}

// PickupPoint is a collection point (a shop or a residents' committee)
// where customers collect their orders from the group leader.
type PickupPoint struct {
	ID       string    `json:"id"`
	Name     string    `json:"name,omitempty"`
	Address  string    `json:"address"`
	Contact  string    `json:"contact"` // the group leader and a phone number
	Location geo.Point `json:"location"`
	OpenS    int       `json:"open_s"`    // earliest delivery
	ServiceS int       `json:"service_s"` // fixed time per delivery: parking, hand-over
}

// Temperature classes of SKUs. Chilled and frozen goods ride only on
// refrigerated trucks whose refrigeration is booked.
const (
	Ambient = "ambient"
	Chilled = "chilled"
	Frozen  = "frozen"
)

// SKU is a stock-keeping unit of the catalogue.
type SKU struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"` // a Category id
	Supplier string `json:"supplier"` // a Supplier id
	// Unit names one unit on the task sheets ("box", "bag").
	Unit          string  `json:"unit"`
	WeightKg      float64 `json:"weight_kg"`
	VolumeM3      float64 `json:"volume_m3"`
	ShelfLifeDays int     `json:"shelf_life_days"`
	Temperature   string  `json:"temperature"` // Ambient, Chilled or Frozen
	PriceCNY      float64 `json:"price_cny"`   // what the customer pays per unit
	CostCNY       float64 `json:"cost_cny"`    // what the supplier is paid per unit
	// CasePack is the units per supplier case; replenishment orders whole
	// cases. 0 or 1: single units.
	CasePack int `json:"case_pack,omitempty"`
	// ForecastUnits is what the activity was expected to sell tonight; when
	// > 0 the plan grades the orders' deviation from it.
	ForecastUnits int64 `json:"forecast_units,omitempty"`
}

// Activity is a group-buy activity. It closes (成团) only when it reaches
// ThresholdOrders orders; below that none of its orders is fulfilled.
type Activity struct {
	ID              string `json:"id"`
	Name            string `json:"name,omitempty"`
	ThresholdOrders int    `json:"threshold_orders"`
}

// Order is one customer's order in one activity, collected at a pickup
// point.
type Order struct {
	ID          string `json:"id"`
	PickupPoint string `json:"pickup_point"`
	Activity    string `json:"activity"`
	// PlacedS is when the order was placed; absent means in time for every
	// red line.
	PlacedS *int        `json:"placed_s,omitempty"`
	Lines   []OrderLine `json:"lines"`
}

// OrderLine is a quantity of one SKU.
type OrderLine struct {
	SKU      string `json:"sku"`
	Quantity int64  `json:"quantity"`
}

// Truck is one delivery truck, based at a warehouse. A refrigerated truck
// carries chilled and frozen goods only when its refrigeration was booked
// (48 hours ahead); unbooked, it carries ambient goods only.
type Truck struct {
	ID                  string  `json:"id"`
	Warehouse           string  `json:"warehouse"`
	Refrigerated        bool    `json:"refrigerated"`
	RefrigerationBooked bool    `json:"refrigeration_booked"`
	CapacityKg          float64 `json:"capacity_kg"`
	CapacityM3          float64 `json:"capacity_m3"`
	ShiftStartS         int     `json:"shift_start_s"`
	ShiftEndS           int     `json:"shift_end_s"` // back at the warehouse by then
}

// StockLevel is what one warehouse holds of one SKU at the cut-off.
type StockLevel struct {
	Warehouse string `json:"warehouse"`
	SKU       string `json:"sku"`
	Units     int64  `json:"units"`
	// ExpiresInDays is the remaining shelf life of the oldest units.
	ExpiresInDays int `json:"expires_in_days,omitempty"`
}

// DemandHistory is the daily demand, in units, of one SKU at one
// warehouse over the days before the delivery day, oldest first.
type DemandHistory struct {
	SKU       string  `json:"sku"`
	Warehouse string  `json:"warehouse"`
	StartDate string  `json:"start_date"` // date of Daily[0], YYYY-MM-DD
	Daily     []int64 `json:"daily"`
}
