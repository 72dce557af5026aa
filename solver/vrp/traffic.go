package vrp

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/uber/h3-go/v4"

	"fulfil/geo"
	"fulfil/solver"
)

// traffic.go holds time-dependent travel (Input.Traffic): speed factors by
// time of day for the whole map or for zones of H3 cells, with FIFO travel
// times in the manner of Ichoua, Gendreau & Potvin (2003) by
// geo.SpeedProfile. An arc's factor at each moment is the largest of the
// periods in force, pooled from the whole map's and from the zones of its
// two ends (1 when none is). A place is in a zone when the H3 cell of its
// [lng, lat] at the resolution of one of the zone's cells is that cell:
// cells of any resolution (0-15) may be mixed; 7 to 9 (about 5 km² down
// to 0.1 km² a cell) suit a city district. At most 64 zones.
//
// Where it acts: drive's clocks (schedule.go) time each leg from its
// departure, exactly, so repair, the fits test, exact.go's leaves and the
// Output are exact; Check has its own simulation. The segments the search
// prices with use each arc's free-flow time times the smallest factor the
// arc ever has (at most 1): a lower bound, so exact.go's pruning stays
// safe and the HGS is optimistic about slow periods, which repair.go then
// corrects on the exact schedule. Routes leave at the earliest moment
// their vehicle may (FIFO: no later departure arrives earlier).

// validateTraffic checks Input.Traffic, adding violations to v.
func validateTraffic(v *solver.Violations, in *Input) {
	planar := len(in.Profiles) == 0 && in.Travel.Metric == "euclidean"
	zones := 0
	for z, tz := range in.Traffic {
		f := fmt.Sprintf("traffic[%d]", z)
		if len(tz.Periods) == 0 {
			v.Add(f+".periods", "must list at least one period")
		}
		if _, err := geo.NewSpeedProfile(tz.Periods); err != nil {
			// geo names the period: "periods[k].factor: message".
			field, msg, _ := strings.Cut(err.Error(), ": ")
			v.Add(f+"."+field, "%s", msg)
		}
		if len(tz.Cells) > 0 && planar {
			v.Add(f+".cells", "H3 zones need [lng, lat] locations, but travel.metric is %q", in.Travel.Metric)
		}
		if len(tz.Cells) > 0 {
			zones++
			if zones == 65 {
				v.Add(f+".cells", "at most 64 traffic zones with cells are supported")
			}
		}
		for c, id := range tz.Cells {
			if !h3.CellFromString(id).IsValid() {
				v.Add(fmt.Sprintf("%s.cells[%d]", f, c), "not an H3 cell id: %q", id)
			}
		}
	}
}

// tdTravel is Input.Traffic compiled: each node's zone set, and the speed
// profile of each pair of zone sets (with the whole map's).
type tdTravel struct {
	set  []int32             // node (and the open end m.n) → zone set
	nset int                 // distinct zone sets
	prof []*geo.SpeedProfile // [a*nset+b]: nil for free flow
	free [][]int64           // per vehicle profile: the free-flow durations, as m.dur was
	fast []float64           // [a*nset+b]: a lower bound of the arc's factor, at most 1
}

// compileTraffic lowers Input.Traffic onto the model: per node its zones,
// per pair of zone sets the arc's profile, and m.dur scaled to the lower
// bound the segments use. Without traffic it does nothing.
func (m *model) compileTraffic(in *Input) {
	if len(in.Traffic) == 0 {
		return
	}
	var global []geo.FactorPeriod
	var zones []int // traffic entries with cells
	for z, tz := range in.Traffic {
		if len(tz.Cells) == 0 {
			global = append(global, tz.Periods...)
		} else {
			zones = append(zones, z)
		}
	}
	loc := func(i int) geo.Point {
		switch {
		case i < len(in.Depots):
			return in.Depots[i].Location
		case i < m.nd:
			for t, d := range m.ownStart {
				if int(d) == i && in.Vehicles[t].StartLocation != nil {
					return *in.Vehicles[t].StartLocation
				}
			}
			return geo.Point{}
		}
		return in.Stops[i-m.nd].Location
	}
	// A node's zone set is the bit mask of the zones holding it.
	td := &tdTravel{set: make([]int32, m.n+1)}
	maskID := map[uint64]int32{}
	var masks []uint64
	cells := make([]map[h3.Cell]bool, len(zones))
	res := make([][]int, len(zones)) // the resolutions of each zone's cells
	for k, z := range zones {
		cells[k] = map[h3.Cell]bool{}
		for _, id := range in.Traffic[z].Cells {
			c := h3.CellFromString(id)
			cells[k][c] = true
			if !slices.Contains(res[k], c.Resolution()) {
				res[k] = append(res[k], c.Resolution())
			}
		}
	}
	for i := 0; i <= m.n; i++ {
		var mask uint64
		if i < m.n {
			p := loc(i)
			for k := range zones {
				for _, r := range res[k] {
					if at, err := h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), r); err == nil && cells[k][at] {
						mask |= 1 << uint(k)
						break
					}
				}
			}
		}
		id, ok := maskID[mask]
		if !ok {
			id = int32(len(masks))
			maskID[mask] = id
			masks = append(masks, mask)
		}
		td.set[i] = id
	}
	td.nset = len(masks)
	// An arc's profile pools the periods of the whole map and of the
	// zones of both ends.
	setPer := make([][]geo.FactorPeriod, len(masks))
	for s, mask := range masks {
		for k, z := range zones {
			if mask&(1<<uint(k)) != 0 {
				setPer[s] = append(setPer[s], in.Traffic[z].Periods...)
			}
		}
	}
	td.prof = make([]*geo.SpeedProfile, td.nset*td.nset)
	td.fast = make([]float64, td.nset*td.nset)
	for a := range td.nset {
		for b := range td.nset {
			per := append(append(slices.Clip(global), setPer[a]...), setPer[b]...)
			if len(per) == 0 {
				td.fast[a*td.nset+b] = 1
				continue
			}
			td.prof[a*td.nset+b], _ = geo.NewSpeedProfile(per)
			f := 1.0 // no arc is faster than its fastest period, nor than 1 outside them
			for _, p := range per {
				f = min(f, p.Factor)
			}
			td.fast[a*td.nset+b] = f
		}
	}
	// The segments' durations: free flow times the arc's smallest factor.
	n1 := m.n + 1
	for pi := range m.dur {
		free := m.dur[pi]
		td.free = append(td.free, free)
		low := make([]int64, len(free))
		for i := 0; i <= m.n; i++ {
			for j := 0; j <= m.n; j++ {
				k := i*n1 + j
				low[k] = int64(math.Floor(float64(free[k]) * min(td.fast[int(td.set[i])*td.nset+int(td.set[j])], 1)))
			}
		}
		m.dur[pi] = low
	}
	m.td = td
	m.hasTime = true
}

// arcProfile is the speed profile of the arc from node i to node j (nil:
// free flow).
func (td *tdTravel) arcProfile(i, j int32) *geo.SpeedProfile {
	return td.prof[int(td.set[i])*td.nset+int(td.set[j])]
}
