package vroom

// Input is a problem in VROOM's JSON input format (API.md, "Input"). Keys
// the vrp model cannot express yet are decoded so that validation can name
// them in an error, never ignored.
type Input struct {
	Jobs      []Job      `json:"jobs"`
	Shipments []Shipment `json:"shipments,omitempty"`
	Vehicles  []Vehicle  `json:"vehicles"`
	// Matrices holds custom matrices per vehicle profile.
	Matrices map[string]Matrices `json:"matrices,omitempty"`
	// Matrix is VROOM's deprecated single durations matrix, used as the
	// durations of profile "car".
	Matrix [][]int64 `json:"matrix,omitempty"`
	// Options is vroom-express's request options; only g (geometry) is
	// known, and it is not supported.
	Options *RequestOptions `json:"options,omitempty"`
}

// RequestOptions are vroom-express's per request options.
type RequestOptions struct {
	G bool `json:"g,omitempty"`
}

// Job is a place to visit: a delivery, a pickup, or both.
type Job struct {
	ID          uint64    `json:"id"`
	Description string    `json:"description,omitempty"`
	Location    []float64 `json:"location,omitempty"` // [lon, lat]
	// LocationIndex is the row and column of this job in the matrices.
	LocationIndex  *int             `json:"location_index,omitempty"`
	Setup          int64            `json:"setup,omitempty"`   // seconds, paid on arriving from another location
	Service        int64            `json:"service,omitempty"` // seconds
	SetupPerType   map[string]int64 `json:"setup_per_type,omitempty"`
	ServicePerType map[string]int64 `json:"service_per_type,omitempty"`
	// Amount is deprecated in VROOM; it is read as Delivery.
	Amount      []int64   `json:"amount,omitempty"`
	Delivery    []int64   `json:"delivery,omitempty"`
	Pickup      []int64   `json:"pickup,omitempty"`
	Skills      []uint32  `json:"skills,omitempty"`
	Priority    int       `json:"priority,omitempty"` // [0, 100]
	TimeWindows [][]int64 `json:"time_windows,omitempty"`
}

// Shipment is a pickup and delivery pair: the amount is loaded at the
// pickup and unloaded at the delivery, later on the same route.
type Shipment struct {
	Pickup   ShipmentStep `json:"pickup"`
	Delivery ShipmentStep `json:"delivery"`
	Amount   []int64      `json:"amount,omitempty"`
	Skills   []uint32     `json:"skills,omitempty"`
	Priority int          `json:"priority,omitempty"`
}

// ShipmentStep is one end of a Shipment.
type ShipmentStep struct {
	ID             uint64           `json:"id"`
	Description    string           `json:"description,omitempty"`
	Location       []float64        `json:"location,omitempty"`
	LocationIndex  *int             `json:"location_index,omitempty"`
	Setup          int64            `json:"setup,omitempty"`
	Service        int64            `json:"service,omitempty"`
	SetupPerType   map[string]int64 `json:"setup_per_type,omitempty"`
	ServicePerType map[string]int64 `json:"service_per_type,omitempty"`
	TimeWindows    [][]int64        `json:"time_windows,omitempty"`
}

// Vehicle is one vehicle.
type Vehicle struct {
	ID          uint64    `json:"id"`
	Profile     string    `json:"profile,omitempty"` // "" means "car"
	Description string    `json:"description,omitempty"`
	Start       []float64 `json:"start,omitempty"`
	StartIndex  *int      `json:"start_index,omitempty"`
	End         []float64 `json:"end,omitempty"`
	EndIndex    *int      `json:"end_index,omitempty"`
	Capacity    []int64   `json:"capacity,omitempty"`
	Costs       *Costs    `json:"costs,omitempty"`
	Skills      []uint32  `json:"skills,omitempty"`
	Type        string    `json:"type,omitempty"`
	TimeWindow  []int64   `json:"time_window,omitempty"`
	Breaks      []Break   `json:"breaks,omitempty"`
	// SpeedFactor scales travel times: duration / SpeedFactor. 0: 1.
	SpeedFactor   float64 `json:"speed_factor,omitempty"`
	MaxTasks      *int    `json:"max_tasks,omitempty"`
	MaxTravelTime *int64  `json:"max_travel_time,omitempty"`
	MaxDistance   *int64  `json:"max_distance,omitempty"`
	// Steps fix the route: the vehicle is evaluated (plan mode), not
	// optimised.
	Steps []VehicleStep `json:"steps,omitempty"`
}

// Costs are a vehicle's costs. Nil fields take VROOM's defaults.
type Costs struct {
	Fixed       int64  `json:"fixed,omitempty"`
	PerHour     *int64 `json:"per_hour,omitempty"` // nil: 3600
	PerTaskHour int64  `json:"per_task_hour,omitempty"`
	PerKm       int64  `json:"per_km,omitempty"`
}

// Break is a vehicle break. Several TimeWindows and MaxLoad are not
// supported yet (input errors).
type Break struct {
	ID          uint64    `json:"id"`
	TimeWindows [][]int64 `json:"time_windows,omitempty"`
	Service     int64     `json:"service,omitempty"`
	Description string    `json:"description,omitempty"`
	MaxLoad     []int64   `json:"max_load,omitempty"`
}

// VehicleStep is one step of a fixed route.
type VehicleStep struct {
	Type          string  `json:"type"` // start, job, pickup, delivery, break or end
	ID            *uint64 `json:"id,omitempty"`
	ServiceAt     *int64  `json:"service_at,omitempty"`
	ServiceAfter  *int64  `json:"service_after,omitempty"`
	ServiceBefore *int64  `json:"service_before,omitempty"`
}

// Matrices are one profile's custom matrices, indexed by location_index,
// start_index and end_index.
type Matrices struct {
	Durations [][]int64 `json:"durations,omitempty"` // seconds
	Distances [][]int64 `json:"distances,omitempty"` // metres
	Costs     [][]int64 `json:"costs,omitempty"`
}
