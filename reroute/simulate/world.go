package simulate

import (
	"math"

	"github.com/uber/h3-go/v4"

	"fulfil/geo"
	"fulfil/reroute"
)

// world times the trucks' legs exactly, with its own code: free-flow time
// is the great-circle distance times the road factor at the speed, slowed
// by the largest factor of the jams whose cells hold either end of the leg
// (geo.SpeedProfile, FIFO). It is how the day really goes, whatever any
// solver believed.
type world struct {
	roadFactor float64
	speedMS    float64
	jams       []jam
}

// jam is a traffic event in force over its cells.
type jam struct {
	cells   map[h3.Cell]bool
	profile *geo.SpeedProfile
}

// addJam makes travel in the disc slower by factor over [from, until).
func (w *world) addJam(center geo.Point, radiusM, factor, from, until float64) error {
	cells, err := reroute.TrafficCells(center, radiusM, reroute.TrafficRes)
	if err != nil {
		return err
	}
	p, err := geo.NewSpeedProfile([]geo.FactorPeriod{{StartS: from, EndS: until, Factor: factor}})
	if err != nil {
		return err
	}
	j := jam{cells: map[h3.Cell]bool{}, profile: p}
	for _, c := range cells {
		j.cells[c] = true
	}
	w.jams = append(w.jams, j)
	return nil
}

// metres is the road distance from a to b.
func (w *world) metres(a, b geo.Point) float64 { return geo.HaversineM(a, b) * w.roadFactor }

// arrive is when a truck leaving a for b at t gets there.
func (w *world) arrive(a, b geo.Point, t float64) float64 {
	free := w.metres(a, b) / w.speedMS
	if free == 0 {
		return t
	}
	var p *geo.SpeedProfile
	if len(w.jams) > 0 {
		ca, _ := geo.Cell(a, reroute.TrafficRes)
		cb, _ := geo.Cell(b, reroute.TrafficRes)
		for _, j := range w.jams {
			if j.cells[ca] || j.cells[cb] {
				p = j.profile.Max(p)
			}
		}
	}
	if p == nil {
		return t + free
	}
	return p.Arrival(t, free)
}

// place is what the world knows of a stop (or a transfer or reload).
type place struct {
	loc      geo.Point
	serviceS float64
	openS    float64
	dueS     float64 // +Inf: no due time
}

// truck is one truck as it really drives.
type truck struct {
	id      string
	depot   geo.Point // where it returns
	pos     geo.Point
	t       float64 // free at pos from t
	atDepot bool
	departS float64  // planned departure while at the depot
	queue   []string // stops ahead, in order
	busy    string   // the stop in service until t, if t is ahead
	broken  bool
	metres  float64
	// spans are its driving periods, for the timeline.
	spans [][2]float64
}

// log records what happened at the stops.
type log struct {
	start map[string]float64 // service start of each stop served
	by    map[string]string  // the truck that served it
}

// advance drives tr until now, serving its queue, and leaves it mid-leg,
// waiting, in service (busy) or at its depot.
func (w *world) advance(tr *truck, now float64, places map[string]place, lg *log) {
	if tr.broken || tr.t > now {
		return
	}
	tr.busy = ""
	for {
		if tr.atDepot {
			if len(tr.queue) == 0 {
				tr.t = math.Max(tr.t, now)
				return
			}
			leave := math.Max(tr.t, tr.departS)
			if leave > now {
				return
			}
			tr.atDepot, tr.t = false, leave
			tr.spans = append(tr.spans, [2]float64{leave, leave})
		}
		dest, s := tr.depot, ""
		if len(tr.queue) > 0 {
			s = tr.queue[0]
			dest = places[s].loc
		}
		at := w.arrive(tr.pos, dest, tr.t)
		if at > now {
			f := (now - tr.t) / (at - tr.t)
			p := geo.Point{tr.pos[0] + f*(dest[0]-tr.pos[0]), tr.pos[1] + f*(dest[1]-tr.pos[1])}
			tr.move(w, p, now)
			return
		}
		tr.move(w, dest, at)
		if s == "" {
			tr.atDepot = true
			return
		}
		pl := places[s]
		start := math.Max(at, pl.openS)
		if start > now {
			tr.t = now // waiting for the opening
			return
		}
		tr.queue = tr.queue[1:]
		lg.start[s], lg.by[s] = start, tr.id
		tr.t = start + pl.serviceS
		tr.spans[len(tr.spans)-1][1] = tr.t
		if tr.t > now {
			tr.busy = s
			return
		}
	}
}

// move takes tr to p at time t on the road.
func (tr *truck) move(w *world, p geo.Point, t float64) {
	tr.metres += w.metres(tr.pos, p)
	tr.pos, tr.t = p, t
	tr.spans[len(tr.spans)-1][1] = t
}
