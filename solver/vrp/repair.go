package vrp

import "slices"

// repair makes p feasible for output by removing stops from routes that
// break a constraint, then reinserting each removed stop at its cheapest
// feasible position if it has one. With several time windows per stop the
// search prices a stop's window span; repair checks the exact schedule, so
// a route that only fits the span loses stops here. It returns the reason
// for each stop left out.
func (m *model) repair(p *plan) map[int32]string {
	why := map[int32]string{}
	var removed []int32
	var buf []int32
	for r, nodes := range p.routes {
		for len(nodes) > 0 && !m.exactOK(r, nodes) {
			// Drop the stop whose removal lowers the violation most.
			best, bestC := -1, 0.0
			strong := m.strongPenalties()
			for x := range nodes {
				buf = append(append(buf[:0], nodes[:x]...), nodes[x+1:]...)
				c := m.violation(r, buf, &strong)
				if best < 0 || c < bestC {
					best, bestC = x, c
				}
			}
			removed = append(removed, nodes[best])
			nodes = slices.Delete(nodes, best, best+1)
		}
		p.routes[r] = nodes
	}
	// Reinsert where it stays feasible, cheapest first come.
	slices.Sort(removed)
	for _, i := range removed {
		bestR, bestX, bestD := -1, 0, 0.0
		for r, nodes := range p.routes {
			c0, _ := m.slotCost(r, nodes)
			for x := 0; x <= len(nodes); x++ {
				buf = append(append(append(buf[:0], nodes[:x]...), i), nodes[x:]...)
				if !m.exactOK(r, buf) {
					continue
				}
				c, _ := m.slotCost(r, buf)
				if d := c - c0; bestR < 0 || d < bestD {
					bestR, bestX, bestD = r, x, d
				}
			}
		}
		if bestR >= 0 && (m.penalty[i] == 0 || bestD < m.penalty[i]) {
			p.routes[bestR] = slices.Insert(p.routes[bestR], bestX, i)
			continue
		}
		if m.penalty[i] > 0 {
			why[i] = "leaving it unserved costs less than serving it"
		} else {
			why[i] = "no vehicle had room for it within capacity, time windows, skills and route limits"
		}
	}
	return why
}

// strongPenalties weighs every violation far above any travel cost.
func (m *model) strongPenalties() penalties {
	var p penalties
	for k := range p.load {
		p.load[k] = m.missMandatory
	}
	p.tw, p.dist, p.skl = m.missMandatory, m.missMandatory, m.missMandatory
	return p
}

// violation is the penalised cost of nodes on slot r under p.
func (m *model) violation(r int, nodes []int32, p *penalties) float64 {
	if len(nodes) == 0 {
		return 0
	}
	t := &m.types[m.slotType[r]]
	s := m.evalRoute(nodes, t)
	c, _ := m.routeCost(&s, t, p)
	return c + float64(m.lateness(nodes, t, m.departure(&s, t)))*p.tw
}

// exactOK reports whether nodes on slot r keep every constraint, checking
// the exact schedule when stops have several windows.
func (m *model) exactOK(r int, nodes []int32) bool {
	if len(nodes) == 0 {
		return true
	}
	t := &m.types[m.slotType[r]]
	s := m.evalRoute(nodes, t)
	var zero penalties
	if _, ok := m.routeCost(&s, t, &zero); !ok {
		return false
	}
	return !m.exactTime() || m.lateness(nodes, t, m.departure(&s, t)) == 0
}

// lateness is the total lateness of the schedule leaving t's start at
// depart (drive, with each stop served in its next open window): service
// after a stop's last window, return after t closes, duration over its
// limit.
func (m *model) lateness(nodes []int32, t *vtype, depart int64) int64 {
	if !m.hasTime {
		return 0
	}
	c := modelClock{m}
	r := drive(c, t, t.start, depart, nodes, false, nil)
	home(c, t, &r)
	late := r.late + max(r.now-t.twClose, 0)
	if d := r.now - depart - t.maxDur; d > 0 {
		late += d
	}
	return late
}
