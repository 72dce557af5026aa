package vrp

import "math/bits"

// maxDims is the largest number of active load dimensions (weight, volume,
// units, stops).
const maxDims = numDimKinds

// seg is the concatenation data of a sequence of visits (Vidal et al. 2013,
// "A hybrid genetic algorithm with adaptive diversity management for a large
// class of vehicle routing problems with time windows"): distance, load per
// dimension, and for time the duration D, time warp TW, earliest E and latest
// L start of its first service that achieve D and TW. Concatenating two
// segments is O(dims); so is evaluating a move as a few concatenations of
// stored prefix and suffix segments.
type seg struct {
	first, last int32 // nodes (matrix rows)
	dist        int64
	dur, tw     int64
	early, late int64
	skill       uint64
	load        [maxDims]int64
}

// nodeSeg is the segment of the single node i.
func (m *model) nodeSeg(i int32) seg {
	s := seg{first: i, last: i, dur: m.service[i], early: m.twOpen[i], late: m.twClose[i], skill: m.skill[i]}
	d := m.dims
	copy(s.load[:d], m.demand[int(i)*d:int(i)*d+d])
	return s
}

// depotSeg is the segment of a start or end depot of type t, at node i
// (m.n for the open end).
func (m *model) depotSeg(t *vtype, i int32) seg {
	if i == t.start {
		return seg{first: i, last: i, early: t.twOpen, late: t.startClose}
	}
	return seg{first: i, last: i, early: t.twOpen, late: t.twClose}
}

// concat returns a ⊕ b for a vehicle driving profile prof. With one
// profile the distance comes from the int32 matrix in Hilbert order
// (hilbert.go), which the local search keeps warm in cache.
func (m *model) concat(a, b *seg, prof int32) seg {
	s := *a
	m.extend(&s, b, prof)
	return s
}

// extend sets *a to a ⊕ b in place: concat without copying the segment out
// and back, for loops that grow one segment a node at a time.
func (m *model) extend(a, b *seg, prof int32) {
	n := m.n + 1
	k := int(a.last)*n + int(b.first)
	var arc int64
	r := -1
	if m.dist32 != nil {
		r = int(m.rank[a.last])*n + int(m.rank[b.first])
		arc = int64(m.dist32[r])
	} else {
		arc = m.dist[prof][k]
	}
	a.last = b.last
	a.dist += arc + b.dist
	a.skill |= b.skill
	for x := range m.dims {
		a.load[x] += b.load[x]
	}
	if !m.hasTime {
		return
	}
	edge := arc
	switch {
	case m.durIsDist:
	case m.dur32 != nil:
		edge = int64(m.dur32[r])
	default:
		edge = m.dur[prof][k]
	}
	diff := a.dur - a.tw + edge
	wait := max(b.early-diff-a.late, 0)
	warp := max(a.early+diff-b.late, 0)
	early := max(b.early-diff, a.early) - wait
	late := min(b.late-diff, a.late) + warp
	a.dur += b.dur + edge + wait
	a.tw += b.tw + warp
	a.early, a.late = early, late
}

// concatInto writes a ⊕ b to dst, which must not be a or b; without time
// it writes the fields in place instead of copying a whole seg.
func (m *model) concatInto(dst, a, b *seg, prof int32) {
	if m.hasTime {
		*dst = m.concat(a, b, prof)
		return
	}
	var arc int64
	if m.dist32 != nil {
		arc = int64(m.dist32[int(m.rank[a.last])*(m.n+1)+int(m.rank[b.first])])
	} else {
		arc = m.dist[prof][int(a.last)*(m.n+1)+int(b.first)]
	}
	dst.first, dst.last = a.first, b.last
	dst.dist = a.dist + arc + b.dist
	dst.dur, dst.tw, dst.early, dst.late = 0, 0, 0, 0
	dst.skill = a.skill | b.skill
	for x := range maxDims {
		dst.load[x] = a.load[x] + b.load[x]
	}
}

// penalties are the current weights of violations in the penalised cost.
type penalties struct {
	load [maxDims]float64 // per unit of excess load, per dimension
	tw   float64          // per unit of time warp or excess duration
	dist float64          // per unit of excess distance
	skl  float64          // per missing skill
}

// routeCost is the penalised cost of a whole route s (start depot to end
// depot) driven by type t, and whether it is feasible. Empty routes are
// priced by the caller (they cost 0).
func (m *model) routeCost(s *seg, t *vtype, p *penalties) (float64, bool) {
	c := t.fixed + t.cpd*float64(s.dist)
	ok := true
	for k := range m.dims {
		if e := s.load[k] - t.cap[k]; e > 0 {
			c += p.load[k] * float64(e)
			ok = false
		}
	}
	if e := s.dist - t.maxDist; e > 0 {
		c += p.dist * float64(e)
		ok = false
	}
	if s.skill&^t.skills != 0 {
		c += p.skl * float64(bits.OnesCount64(s.skill&^t.skills))
		ok = false
	}
	if m.hasTime {
		c += t.cpt * float64(s.dur)
		warp := s.tw
		if e := s.dur - t.maxDur; e > 0 {
			warp += e
		}
		if warp > 0 {
			c += p.tw * float64(warp)
			ok = false
		}
	}
	return c, ok
}

// evalRoute builds the whole-route segment of nodes driven by type t.
func (m *model) evalRoute(nodes []int32, t *vtype) seg {
	s := m.depotSeg(t, t.start)
	for _, i := range nodes {
		ns := m.nodeSeg(i)
		m.extend(&s, &ns, t.prof)
	}
	e := m.depotSeg(t, m.endNode(t))
	return m.concat(&s, &e, t.prof)
}

// endNode is the matrix row where routes of t end: the end depot or the
// zero-distance "nowhere" row m.n for an open end.
func (m *model) endNode(t *vtype) int32 {
	if t.end < 0 {
		return int32(m.n)
	}
	return t.end
}
