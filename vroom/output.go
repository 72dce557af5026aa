package vroom

import "fulfil/solver"

// Output is an answer in VROOM's output format (API.md, "Output").
// Distances are given when the input has coordinates (haversine) or
// distance matrices; loads, delivery and pickup when amounts are used.
type Output struct {
	Code       int          `json:"code"`
	Error      string       `json:"error,omitempty"`
	Summary    *Summary     `json:"summary,omitempty"`
	Unassigned []Unassigned `json:"unassigned"`
	Routes     []Route      `json:"routes"`
	// Stats are the vrp search's run statistics (zero when nothing was
	// optimised), for the server's metrics; not part of VROOM's format.
	Stats solver.Stats `json:"-"`
}

// Summary totals the routes.
type Summary struct {
	Cost           int64          `json:"cost"`
	Routes         int            `json:"routes"`
	Unassigned     int            `json:"unassigned"`
	Delivery       []int64        `json:"delivery,omitempty"`
	Pickup         []int64        `json:"pickup,omitempty"`
	Setup          int64          `json:"setup"`
	Service        int64          `json:"service"`
	Duration       int64          `json:"duration"`
	WaitingTime    int64          `json:"waiting_time"`
	Priority       int64          `json:"priority"`
	Distance       *int64         `json:"distance,omitempty"`
	Violations     []Violation    `json:"violations"`
	ComputingTimes ComputingTimes `json:"computing_times"`
}

// ComputingTimes are in milliseconds, as in VROOM.
type ComputingTimes struct {
	Loading int64 `json:"loading"`
	Solving int64 `json:"solving"`
	Routing int64 `json:"routing"`
}

// Unassigned is a task no route serves: a job, or a shipment's pickup or
// delivery (both are listed).
type Unassigned struct {
	ID            uint64    `json:"id"`
	Type          string    `json:"type"`
	Description   string    `json:"description,omitempty"`
	Location      []float64 `json:"location,omitempty"`
	LocationIndex *int      `json:"location_index,omitempty"`
	// Reason says why, from the solver (an extension of VROOM's format).
	Reason string `json:"reason,omitempty"`
}

// Route is one vehicle's route.
type Route struct {
	Vehicle     uint64      `json:"vehicle"`
	Steps       []Step      `json:"steps"`
	Cost        int64       `json:"cost"`
	Setup       int64       `json:"setup"`
	Service     int64       `json:"service"`
	Duration    int64       `json:"duration"` // travel time
	WaitingTime int64       `json:"waiting_time"`
	Priority    int64       `json:"priority"`
	Violations  []Violation `json:"violations"`
	Delivery    []int64     `json:"delivery,omitempty"`
	Pickup      []int64     `json:"pickup,omitempty"`
	Description string      `json:"description,omitempty"`
	Distance    *int64      `json:"distance,omitempty"`
}

// Step is one step of a route.
type Step struct {
	Type          string      `json:"type"` // start, job, pickup, delivery, break or end
	Arrival       int64       `json:"arrival"`
	Duration      int64       `json:"duration"` // travel time so far
	Setup         int64       `json:"setup"`
	Service       int64       `json:"service"`
	WaitingTime   int64       `json:"waiting_time"`
	Violations    []Violation `json:"violations"`
	Description   string      `json:"description,omitempty"`
	Location      []float64   `json:"location,omitempty"`
	LocationIndex *int        `json:"location_index,omitempty"`
	ID            *uint64     `json:"id,omitempty"`
	Load          []int64     `json:"load,omitempty"` // after the step
	Distance      *int64      `json:"distance,omitempty"`
}

// Violation is one broken constraint of a plan mode route. Duration is
// the lateness ("delay") or earliness ("lead_time") in seconds.
type Violation struct {
	Cause    string `json:"cause"`
	Duration *int64 `json:"duration,omitempty"`
}
