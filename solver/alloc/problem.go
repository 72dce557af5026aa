package alloc

import (
	"fulfil/geo"
	"fulfil/solver"
)

// Input is one allocation problem: the stock of every SKU in every
// warehouse and the demand of every pickup point, served at least cost.
// Costs and penalties are integers in one money unit of the caller's choice
// (such as cents) per unit shipped.
type Input struct {
	Warehouses   []Warehouse   `json:"warehouses"`
	PickupPoints []PickupPoint `json:"pickup_points"`
	SKUs         []SKU         `json:"skus"`
	Stock        []Stock       `json:"stock"`
	Demand       []Demand      `json:"demand"`
	// CostPerUnit[w][p] is the cost of shipping one unit from Warehouses[w]
	// to PickupPoints[p]. When absent, the cost is the great-circle distance
	// in km times CostPerUnitKm, rounded to the nearest integer.
	CostPerUnit   [][]int64 `json:"cost_per_unit,omitempty"`
	CostPerUnitKm float64   `json:"cost_per_unit_km,omitempty"`
}

// Warehouse is a grid warehouse holding stock.
type Warehouse struct {
	ID       string    `json:"id"`
	Location geo.Point `json:"location"` // [lon, lat]; used only without CostPerUnit
}

// PickupPoint is a community pickup point with demand.
type PickupPoint struct {
	ID       string    `json:"id"`
	Location geo.Point `json:"location"` // [lon, lat]; used only without CostPerUnit
	// Home is the id of the warehouse that normally serves this point; units
	// from any other warehouse cost Options.NonHomePenalty more. "": none.
	Home string `json:"home,omitempty"`
	// UnmetPenalty is the cost of one unit of demand left unserved: the
	// point's priority when stock is short. 0: Options.UnmetPenalty.
	UnmetPenalty int64 `json:"unmet_penalty,omitempty"`
}

// SKU is a stock-keeping unit.
type SKU struct {
	ID string `json:"id"`
}

// Stock is what one warehouse holds of one SKU.
type Stock struct {
	Warehouse string `json:"warehouse"`
	SKU       string `json:"sku"`
	Units     int64  `json:"units"`
	// SafetyUnits of Units are safety stock: drawing on them costs
	// Options.SafetyPenalty per unit, or is forbidden with Options.HoldSafety.
	SafetyUnits int64 `json:"safety_units,omitempty"`
}

// Demand is what one pickup point ordered of one SKU.
type Demand struct {
	PickupPoint string `json:"pickup_point"`
	SKU         string `json:"sku"`
	Units       int64  `json:"units"`
}

// Output is an allocation: who ships what to whom, and what stays short.
type Output struct {
	Assignments []Assignment `json:"assignments"` // by SKU, pickup point, warehouse in input order
	Unmet       []Shortage   `json:"unmet"`
	Splits      []Split      `json:"splits"` // (SKU, pickup point) pairs served by several warehouses

	Cost          int64 `json:"cost"` // the sum of the five parts below
	TransportCost int64 `json:"transport_cost"`
	NonHomeCost   int64 `json:"non_home_cost"`
	UnmetCost     int64 `json:"unmet_cost"`
	SafetyCost    int64 `json:"safety_cost"`
	SplitCost     int64 `json:"split_cost"`
	UnmetUnits    int64 `json:"unmet_units"`
	// Bound is a lower bound on Cost: per SKU the min-cost-flow optimum
	// without split penalties, or for a greedy SKU every unit at its
	// cheapest candidate or its unmet penalty, stock limits ignored. Gap is
	// (Cost − Bound) / Bound (0 when Bound is 0).
	Bound int64   `json:"bound"`
	Gap   float64 `json:"gap"`
	// GreedySKUs counts the SKUs the deadline left no time to optimize,
	// allocated greedily instead (0 when Stats.Stop is not a deadline).
	GreedySKUs int          `json:"greedy_skus"`
	Stats      solver.Stats `json:"stats"`
}

// Assignment ships Units of SKU from Warehouse to PickupPoint.
type Assignment struct {
	SKU         string `json:"sku"`
	Warehouse   string `json:"warehouse"`
	PickupPoint string `json:"pickup_point"`
	Units       int64  `json:"units"`
	CostPerUnit int64  `json:"cost_per_unit"` // transport plus any non-home penalty
}

// Shortage is demand left unserved.
type Shortage struct {
	SKU         string `json:"sku"`
	PickupPoint string `json:"pickup_point"`
	Units       int64  `json:"units"`
}

// Split is a pickup point served with one SKU from several warehouses.
type Split struct {
	SKU         string   `json:"sku"`
	PickupPoint string   `json:"pickup_point"`
	Warehouses  []string `json:"warehouses"`
}
