package alloc

import (
	"context"
	"fmt"
	"time"

	"fulfil/solver"
)

// TransferInput is a rebalancing problem: surplus stock moved between
// warehouses to where it sells before it spoils.
type TransferInput struct {
	Warehouses []Warehouse   `json:"warehouses"`
	SKUs       []TransferSKU `json:"skus"`
	Positions  []Position    `json:"positions"` // per (warehouse, SKU); absent means all zero
	Lanes      []Lane        `json:"lanes"`     // the only allowed moves
}

// TransferSKU is a SKU with its unit name and lot size.
type TransferSKU struct {
	ID   string `json:"id"`
	Unit string `json:"unit,omitempty"` // plural unit name for texts, such as "boxes"; "": "units"
	// LotUnits is the lot (case pack) size: moves are whole lots. 0 or 1: single units.
	LotUnits int64 `json:"lot_units,omitempty"`
}

// Position is one warehouse's stock outlook for one SKU over the planning
// horizon.
type Position struct {
	Warehouse     string `json:"warehouse"`
	SKU           string `json:"sku"`
	OnHandUnits   int64  `json:"on_hand_units"`
	InboundUnits  int64  `json:"inbound_units"`
	ForecastUnits int64  `json:"forecast_units"` // expected local sales
	SafetyUnits   int64  `json:"safety_units"`
	// ExpiringUnits of the on-hand stock will expire before they sell
	// locally.
	ExpiringUnits int64 `json:"expiring_units"`
}

// Lane is a transport link between two warehouses.
type Lane struct {
	From        string `json:"from"`
	To          string `json:"to"`
	CostPerUnit int64  `json:"cost_per_unit"`
	// CapacityUnits caps the units moved on the lane, all SKUs together.
	// 0: unlimited.
	CapacityUnits int64 `json:"capacity_units,omitempty"`
}

// TransferOptions tune SuggestTransfers.
type TransferOptions struct {
	// ShortagePenalty is the cost per unit of deficit left uncovered; a
	// move pays when its cost per unit is below it. Must be positive.
	ShortagePenalty int64 `json:"shortage_penalty,omitempty"`
	// SpoilagePenalty is the cost per expiring unit left where it will
	// spoil. 0: spoilage costs nothing beyond the lost sale elsewhere.
	SpoilagePenalty int64 `json:"spoilage_penalty,omitempty"`
	// TimeLimitS bounds the solve in seconds. 0: only ctx limits the run.
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
}

// TimeLimit returns TimeLimitS as a duration; 0: no limit.
func (o TransferOptions) TimeLimit() time.Duration { return solver.Seconds(o.TimeLimitS) }

// DefaultTransferOptions returns a shortage penalty of 1000 and a spoilage
// penalty of 500 per unit.
func DefaultTransferOptions() TransferOptions {
	return TransferOptions{ShortagePenalty: 1000, SpoilagePenalty: 500}
}

// Validate reports options that cannot be used.
func (o TransferOptions) Validate() error {
	var v solver.Violations
	if o.ShortagePenalty <= 0 || o.ShortagePenalty > maxMoney {
		v.Add("shortage_penalty", "must be in [1, %d], got %d", maxMoney, o.ShortagePenalty)
	}
	if o.SpoilagePenalty < 0 || o.SpoilagePenalty > maxMoney {
		v.Add("spoilage_penalty", "must be in [0, %d], got %d", maxMoney, o.SpoilagePenalty)
	}
	solver.CheckTimeLimit(&v, "time_limit_s", o.TimeLimitS)
	return v.Err()
}

// TransferOutput lists the suggested moves and what stays short or spoils.
type TransferOutput struct {
	Moves         []Move `json:"moves"`
	Cost          int64  `json:"cost"` // transport + shortage + spoilage
	TransportCost int64  `json:"transport_cost"`
	ShortageCost  int64  `json:"shortage_cost"`
	SpoilageCost  int64  `json:"spoilage_cost"`
	ShortUnits    int64  `json:"short_units"`
	SpoiledUnits  int64  `json:"spoiled_units"`
	// Bound is a lower bound on the cost of any plan (Lagrangian, with
	// lane capacities priced); Gap is (Cost − Bound) / Bound, 0 when Bound
	// is 0. Gap 0 proves the plan optimal.
	Bound int64        `json:"bound"`
	Gap   float64      `json:"gap"`
	Stats solver.Stats `json:"stats"`
}

// Move is one suggested transfer.
type Move struct {
	SKU   string `json:"sku"`
	From  string `json:"from"`
	To    string `json:"to"`
	Units int64  `json:"units"`
	Lots  int64  `json:"lots"`
	Cost  int64  `json:"cost"`
	Text  string `json:"text"` // "move 200 boxes of SKU s from A to B"
}

// positionOutlook derives surplus and deficit from a position:
// local stock that can sell is on hand + inbound − expiring; the surplus is
// what exceeds forecast + safety, the deficit what falls short of it.
func positionOutlook(p Position) (ordinary, expiring, deficit int64) {
	usable := p.OnHandUnits + p.InboundUnits - p.ExpiringUnits
	need := p.ForecastUnits + p.SafetyUnits
	return max(0, usable-need), p.ExpiringUnits, max(0, need-usable)
}

// SuggestTransfers moves surplus to deficit warehouses. Per SKU, each
// warehouse is a source node (its surplus lots) and a sink node (its
// deficit lots, rounded up to whole lots); lanes join sources to sinks at
// the lot's cost, and a slack node keeps surplus (free, or at the spoilage
// penalty for expiring units) and covers deficits left short (at the
// shortage penalty), with arcs that charge exactly the units that spoil or
// stay short. Lane capacities are shared by all SKUs: lagrange_transfer.go
// prices them by Lagrangian relaxation, which gives both the plan and a
// lower bound (Output.Bound, Output.Gap). The answer does not depend on
// the SKUs' order beyond ties, and is never worse than routing the SKUs
// one after another. The plan is rechecked by CheckTransfer before it is
// returned: one that fails is an error wrapping ErrCheck. A panic in the
// solve is returned as a *solver.PanicError.
func SuggestTransfers(ctx context.Context, in *TransferInput, opt TransferOptions) (_ *TransferOutput, err error) {
	defer solver.Recover(&err)
	start := time.Now()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := validateTransfer(in); err != nil {
		return nil, err
	}
	ctx, cancel := solver.WithTimeLimit(ctx, opt.TimeLimit())
	defer cancel()
	tm := compileTransfer(in, opt)
	best, bound, pivots, err := solveTransfers(ctx, tm, transferIterations)
	if err != nil {
		return nil, fmt.Errorf("suggesting transfers: %w", err)
	}
	out := &TransferOutput{Moves: []Move{}, Bound: bound, Stats: solver.Stats{Stop: solver.StopConverged, Threads: 1, Iterations: pivots}}
	if ctx.Err() != nil {
		out.Stats.Stop = solver.ReasonFor(ctx.Err())
	}
	for k, sku := range in.SKUs {
		lot := tm.lot[k]
		unit := sku.Unit
		if unit == "" {
			unit = "units"
		}
		moved := make([]int64, tm.nw)    // lots out of each source
		received := make([]int64, tm.nw) // lots into each sink
		for l, ln := range in.Lanes {
			x := best.x[k][l]
			if x == 0 {
				continue
			}
			units := x * lot
			moved[tm.from[l]] += x
			received[tm.to[l]] += x
			c := units * ln.CostPerUnit
			out.TransportCost += c
			out.Moves = append(out.Moves, Move{
				SKU: sku.ID, From: ln.From, To: ln.To, Units: units, Lots: x, Cost: c,
				Text: fmt.Sprintf("move %d %s of SKU %s from %s to %s", units, unit, sku.ID, ln.From, ln.To),
			})
		}
		for w, o := range tm.looks[k] {
			// Moved units are expiring ones first.
			if spoiled := o.expiring - moved[w]*lot; spoiled > 0 {
				out.SpoiledUnits += spoiled
				out.SpoilageCost += spoiled * opt.SpoilagePenalty
			}
			if short := o.deficitUnits - received[w]*lot; short > 0 {
				out.ShortUnits += short
				out.ShortageCost += short * opt.ShortagePenalty
			}
		}
	}
	out.Cost = out.TransportCost + out.ShortageCost + out.SpoilageCost
	if out.Cost != best.cost {
		return nil, fmt.Errorf("alloc: transfers: plan costs %d by its moves, %d by its flows", out.Cost, best.cost)
	}
	if out.Bound > 0 {
		out.Gap = float64(out.Cost-out.Bound) / float64(out.Bound)
	}
	rep, err := CheckTransfer(in, opt, out)
	if err != nil {
		return nil, fmt.Errorf("checking the transfers: %w", err)
	}
	if err := rep.Err(ErrCheck); err != nil {
		return nil, err
	}
	out.Stats.RuntimeS = solver.Since(start)
	return out, nil
}

// transferIterations bounds the subgradient steps of SuggestTransfers.
const transferIterations = 60

// compileTransfer builds the dense model of a validated input.
func compileTransfer(in *TransferInput, opt TransferOptions) *tmodel {
	nw, nk, nl := len(in.Warehouses), len(in.SKUs), len(in.Lanes)
	tm := &tmodel{nw: nw, nk: nk, nl: nl, shortPen: opt.ShortagePenalty, spoilPen: opt.SpoilagePenalty,
		from: make([]int, nl), to: make([]int, nl), cost: make([]int64, nl), capUnits: make([]int64, nl),
		lot: make([]int64, nk), looks: make([][]outlook, nk), constant: make([]int64, nk)}
	wh := make(map[string]int, nw)
	for i, w := range in.Warehouses {
		wh[w.ID] = i
	}
	sk := make(map[string]int, nk)
	for i, s := range in.SKUs {
		sk[s.ID] = i
		tm.lot[i] = max(s.LotUnits, 1)
	}
	pos := make([][]Position, nk) // [k][w]
	for k := range pos {
		pos[k] = make([]Position, nw)
	}
	for _, p := range in.Positions {
		pos[sk[p.SKU]][wh[p.Warehouse]] = p
	}
	for k := range nk {
		tm.looks[k] = make([]outlook, nw)
		for w := range nw {
			o, c := skuArcs(pos[k][w], tm.lot[k], opt.ShortagePenalty, opt.SpoilagePenalty)
			tm.looks[k][w] = o
			tm.constant[k] += c
		}
	}
	for l, ln := range in.Lanes {
		tm.from[l], tm.to[l], tm.cost[l] = wh[ln.From], wh[ln.To], ln.CostPerUnit
		tm.capUnits[l] = ln.CapacityUnits
		if ln.CapacityUnits == 0 {
			tm.capUnits[l] = Inf
		}
	}
	return tm
}

// validateTransfer checks ids, quantities and lanes, naming the field.
func validateTransfer(in *TransferInput) error {
	var v solver.Violations
	wh := idIndex(&v, "warehouses", len(in.Warehouses), func(i int) string { return in.Warehouses[i].ID })
	sk := idIndex(&v, "skus", len(in.SKUs), func(i int) string { return in.SKUs[i].ID })
	for i, s := range in.SKUs {
		if s.LotUnits < 0 || s.LotUnits > maxUnits {
			v.Add(fmt.Sprintf("skus[%d].lot_units", i), "must be in [0, %d], got %d", maxUnits, s.LotUnits)
		}
	}
	type pair struct{ w, k int }
	seen := map[pair]int{}
	for i, p := range in.Positions {
		f := fmt.Sprintf("positions[%d]", i)
		w, okW := wh[p.Warehouse]
		if !okW {
			v.Add(f+".warehouse", "unknown warehouse %q", p.Warehouse)
		}
		k, okK := sk[p.SKU]
		if !okK {
			v.Add(f+".sku", "unknown sku %q", p.SKU)
		}
		for _, q := range []struct {
			name string
			val  int64
		}{{"on_hand_units", p.OnHandUnits}, {"inbound_units", p.InboundUnits}, {"forecast_units", p.ForecastUnits},
			{"safety_units", p.SafetyUnits}, {"expiring_units", p.ExpiringUnits}} {
			if q.val < 0 || q.val > maxUnits {
				v.Add(f+"."+q.name, "must be in [0, %d], got %d", maxUnits, q.val)
			}
		}
		if p.ExpiringUnits > p.OnHandUnits {
			v.Add(f+".expiring_units", "must be <= on_hand_units=%d, got %d", p.OnHandUnits, p.ExpiringUnits)
		}
		if okW && okK {
			if j, dup := seen[pair{w, k}]; dup {
				v.Add(f, "duplicates positions[%d] (warehouse %q, sku %q)", j, p.Warehouse, p.SKU)
			}
			seen[pair{w, k}] = i
		}
	}
	type lane struct{ a, b int }
	lanes := map[lane]int{}
	for i, l := range in.Lanes {
		f := fmt.Sprintf("lanes[%d]", i)
		a, okA := wh[l.From]
		if !okA {
			v.Add(f+".from", "unknown warehouse %q", l.From)
		}
		b, okB := wh[l.To]
		if !okB {
			v.Add(f+".to", "unknown warehouse %q", l.To)
		}
		if okA && okB {
			if a == b {
				v.Add(f+".to", "must differ from from (%q)", l.From)
			}
			if j, dup := lanes[lane{a, b}]; dup {
				v.Add(f, "duplicates lanes[%d] (%q to %q)", j, l.From, l.To)
			}
			lanes[lane{a, b}] = i
		}
		if l.CostPerUnit < 0 || l.CostPerUnit > maxMoney {
			v.Add(f+".cost_per_unit", "must be in [0, %d], got %d", maxMoney, l.CostPerUnit)
		}
		if l.CapacityUnits < 0 || l.CapacityUnits > maxUnits {
			v.Add(f+".capacity_units", "must be in [0, %d], got %d", maxUnits, l.CapacityUnits)
		}
	}
	return v.Err()
}
