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
	ShortagePenalty int64 `json:"shortage_penalty"`
	// SpoilagePenalty is the cost per expiring unit left where it will
	// spoil. 0: spoilage costs nothing beyond the lost sale elsewhere.
	SpoilagePenalty int64         `json:"spoilage_penalty"`
	TimeLimit       time.Duration `json:"time_limit"` // 0: only ctx limits the run
}

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
	if o.TimeLimit < 0 {
		v.Add("time_limit", "must be >= 0, got %s", o.TimeLimit)
	}
	return v.Err()
}

// TransferOutput lists the suggested moves and what stays short or spoils.
type TransferOutput struct {
	Moves         []Move       `json:"moves"`
	Cost          int64        `json:"cost"` // transport + shortage + spoilage
	TransportCost int64        `json:"transport_cost"`
	ShortageCost  int64        `json:"shortage_cost"`
	SpoilageCost  int64        `json:"spoilage_cost"`
	ShortUnits    int64        `json:"short_units"`
	SpoiledUnits  int64        `json:"spoiled_units"`
	Stats         solver.Stats `json:"stats"`
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

// outlook is one warehouse's position for one SKU in lots.
type outlook struct {
	ordinary, expiring int64 // surplus lots: free to keep, or spoiling if kept
	deficit            int64 // lots wanted (rounded up)
	deficitUnits       int64
}

// positionOutlook derives surplus and deficit from a position:
// local stock that can sell is on hand + inbound − expiring; the surplus is
// what exceeds forecast + safety, the deficit what falls short of it.
func positionOutlook(p Position) (ordinary, expiring, deficit int64) {
	usable := p.OnHandUnits + p.InboundUnits - p.ExpiringUnits
	need := p.ForecastUnits + p.SafetyUnits
	return max(0, usable-need), p.ExpiringUnits, max(0, need-usable)
}

// SuggestTransfers moves surplus to deficit warehouses by min-cost flow.
// Per SKU, each warehouse is a source node (its surplus lots) and a sink
// node (its deficit lots, rounded up to whole lots); lanes join sources to
// sinks at the lot's cost, a slack node takes surplus that stays (free for
// ordinary surplus, SpoilagePenalty per expiring unit) and covers deficits
// that stay short (ShortagePenalty per unit). Each SKU's flow is optimal;
// lane capacities are shared, so SKUs are routed in input order, each
// taking the capacity the earlier ones left: list urgent SKUs first.
func SuggestTransfers(ctx context.Context, in *TransferInput, opt TransferOptions) (*TransferOutput, error) {
	start := time.Now()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := validateTransfer(in); err != nil {
		return nil, err
	}
	ctx, cancel := solver.WithTimeLimit(ctx, opt.TimeLimit)
	defer cancel()
	nw := len(in.Warehouses)
	wh := make(map[string]int, nw)
	for i, w := range in.Warehouses {
		wh[w.ID] = i
	}
	sk := make(map[string]int, len(in.SKUs))
	for i, s := range in.SKUs {
		sk[s.ID] = i
	}
	pos := make([][]Position, len(in.SKUs)) // [k][w]
	for k := range pos {
		pos[k] = make([]Position, nw)
	}
	for _, p := range in.Positions {
		pos[sk[p.SKU]][wh[p.Warehouse]] = p
	}
	laneLeft := make([]int64, len(in.Lanes))
	for l, ln := range in.Lanes {
		laneLeft[l] = ln.CapacityUnits
		if ln.CapacityUnits == 0 {
			laneLeft[l] = Inf
		}
	}

	out := &TransferOutput{Moves: []Move{}, Stats: solver.Stats{Stop: solver.StopConverged, Threads: 1}}
	var s netSimplex
	g := NewNetwork(0, len(in.Lanes)+3*nw)
	for k, sku := range in.SKUs {
		lot := max(sku.LotUnits, 1)
		unit := sku.Unit
		if unit == "" {
			unit = "units"
		}
		// Nodes: source w, sink nw+w, slack 2nw.
		g.Supply = grow(g.Supply, 2*nw+1)
		clear(g.Supply)
		g.Tail, g.Head, g.Cap, g.Cost = g.Tail[:0], g.Head[:0], g.Cap[:0], g.Cost[:0]
		slack := 2 * nw
		var bal int64
		looks := make([]outlook, nw)
		for w := range nw {
			ord, exp, def := positionOutlook(pos[k][w])
			o := &looks[w]
			o.expiring = exp / lot
			o.ordinary = (ord+exp)/lot - o.expiring
			o.deficit = (def + lot - 1) / lot
			o.deficitUnits = def
			g.Supply[w] = o.ordinary + o.expiring
			g.Supply[nw+w] = -o.deficit
			bal += o.ordinary + o.expiring - o.deficit
			if o.ordinary > 0 {
				g.AddArc(w, slack, o.ordinary, 0)
			}
			if o.expiring > 0 {
				g.AddArc(w, slack, o.expiring, opt.SpoilagePenalty*lot)
			}
			if o.deficit > 0 {
				g.AddArc(slack, nw+w, o.deficit, opt.ShortagePenalty*lot)
			}
		}
		g.Supply[slack] = -bal
		first := g.Arcs()
		for l, ln := range in.Lanes {
			c := laneLeft[l]
			if c != Inf {
				c /= lot
			}
			g.AddArc(wh[ln.From], nw+wh[ln.To], c, ln.CostPerUnit*lot)
		}
		if err := g.Check(); err != nil {
			return nil, fmt.Errorf("alloc: transfers of sku %q: %w", sku.ID, err)
		}
		s.init(g)
		if err := s.run(ctx); err != nil {
			return nil, fmt.Errorf("suggesting transfers of sku %q: %w", sku.ID, err)
		}
		out.Stats.Iterations += s.pivots
		moved := make([]int64, nw)    // lots out of each source
		received := make([]int64, nw) // lots into each sink
		for l, ln := range in.Lanes {
			x := s.flow[first+l]
			if x == 0 {
				continue
			}
			units := x * lot
			if laneLeft[l] != Inf {
				laneLeft[l] -= units
			}
			from, to := wh[ln.From], wh[ln.To]
			moved[from] += x
			received[to] += x
			c := units * ln.CostPerUnit
			out.TransportCost += c
			out.Moves = append(out.Moves, Move{
				SKU: sku.ID, From: ln.From, To: ln.To, Units: units, Lots: x, Cost: c,
				Text: fmt.Sprintf("move %d %s of SKU %s from %s to %s", units, unit, sku.ID, ln.From, ln.To),
			})
		}
		for w, o := range looks {
			// Moved units are expiring ones first.
			if spoiled := pos[k][w].ExpiringUnits - moved[w]*lot; spoiled > 0 {
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
	out.Stats.RuntimeS = solver.Since(start)
	return out, nil
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
