package vrp

import (
	"math"
	"slices"
)

// plan is a solution in model terms: the stops of each vehicle slot in
// visiting order, and the stops left out.
type plan struct {
	routes [][]int32 // per slot
}

// planCost is the penalised cost of p: route costs plus penalties of
// unserved optional stops plus missPenalty per unserved mandatory stop, and
// whether every route is feasible.
func (m *model) planCost(p *plan, pen *penalties) (float64, bool) {
	var c float64
	ok := true
	served := make([]bool, m.n)
	for r, nodes := range p.routes {
		t := &m.types[m.slotType[r]]
		if len(nodes) == 0 && len(t.prefix) == 0 {
			continue
		}
		s := m.evalRoute(nodes, t)
		rc, f := m.routeCost(&s, t, pen)
		c += rc
		ok = ok && f
		for _, i := range nodes {
			served[i] = true
		}
	}
	for i := m.nd; i < m.n; i++ {
		if !served[i] {
			c += m.missCost(int32(i))
		}
	}
	return c, ok
}

// missCost is what leaving stop i unserved costs in the search: its penalty
// when optional, a prohibitive amount when mandatory.
func (m *model) missCost(i int32) float64 {
	if m.penalty[i] > 0 {
		return m.penalty[i]
	}
	return m.missMandatory
}

// nextStart returns when service at node i starts for an arrival at time a:
// a itself, or the opening of the next window; late is how far a is past
// the last window.
func (m *model) nextStart(i int32, a int64) (start, late int64) {
	if w := m.windows[i]; len(w) > 0 {
		for x := 0; x < len(w); x += 2 {
			if a <= w[x+1] {
				return max(a, w[x]), 0
			}
		}
		return a, a - w[len(w)-1]
	}
	if a > m.twClose[i] {
		return a, a - m.twClose[i]
	}
	return max(a, m.twOpen[i]), 0
}

// output turns p into the wire Output with schedules. Stops not served are
// listed with reasons from why (or a default reason).
func (m *model) output(in *Input, p *plan, why map[int32]string) *Output {
	out := &Output{Routes: []Route{}, Unassigned: []Unassigned{}}
	served := make([]bool, m.n)
	feasible := true
	toS := func(x int64) float64 { return float64(x) / scale }
	var totalCost float64
	for r, nodes := range p.routes {
		ti := m.slotType[r]
		t := &m.types[ti]
		if len(nodes) == 0 && len(t.prefix) == 0 {
			continue
		}
		vh := &in.Vehicles[ti]
		whole := m.evalRoute(nodes, t)
		depart := m.departure(&whole, t)
		start := t.start
		if len(t.prefix) > 0 {
			// The fixed sequence first, from the real start: the rest
			// leaves its last stop when service there ends (startClose).
			depart, start = t.origOpen, t.origStart
			nodes = append(slices.Clip(t.prefix), nodes...)
		}
		rt := Route{Vehicle: vh.ID, Index: m.slotIndex[r], StartDepot: m.ids[start], StartS: toS(depart)}
		if t.end >= 0 {
			rt.EndDepot = m.ids[t.end]
		}
		var late float64
		rt, late = m.simulate(in, vh, t, start, nodes, rt)
		rt.Cost = vh.FixedCost + t.cpd*rt.DistanceM + t.cpt*rt.DurationS
		totalCost += rt.Cost
		out.VehiclesUsed++
		out.DistanceM += rt.DistanceM
		out.DurationS += rt.DurationS
		out.WaitS += rt.WaitS
		out.LatenessS += late
		load := whole.load
		if m.pair != nil || m.trips {
			load = m.peakLoad(nodes)
			whole.load = load // capacity holds along the route, per trip
		}
		for k, kind := range m.dimKind {
			e := load[k] - t.cap[k]
			if e <= 0 {
				continue
			}
			switch kind {
			case dimWeight:
				out.OverloadKg += float64(e) / scale
			case dimVolume:
				out.OverloadM3 += float64(e) / 1e6
			case dimUnits:
				out.OverloadUnits += e
			}
		}
		_, ok := m.routeCost(&whole, t, &penalties{})
		feasible = feasible && ok && late == 0 && (m.pair == nil || m.pairsOK(nodes, t))
		for _, i := range nodes {
			if !m.isReload(i) {
				served[i] = true
			}
		}
		out.Routes = append(out.Routes, rt)
	}
	for i := int32(m.nd); i < int32(m.n); i++ {
		if served[i] {
			continue
		}
		st := &in.Stops[i-int32(m.nd)]
		reason := why[i]
		if reason == "" {
			reason = m.why[i]
		}
		if reason == "" {
			if st.Penalty > 0 {
				reason = "leaving it unserved costs less than serving it"
			} else {
				reason = "the search found no route that can take it within capacity, time windows and route limits"
			}
		}
		if st.Penalty > 0 {
			totalCost += st.Penalty
		} else {
			feasible = false
		}
		out.Unassigned = append(out.Unassigned, Unassigned{ID: st.ID, Reason: reason})
	}
	out.Cost = totalCost
	out.Feasible = feasible && out.LatenessS == 0 && out.OverloadKg == 0 && out.OverloadM3 == 0 && out.OverloadUnits == 0
	if math.IsNaN(out.Cost) {
		out.Feasible = false
	}
	return out
}
