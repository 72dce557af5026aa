package reroute

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"fulfil/geo"
	"fulfil/solver"
)

// Event types of a delivery day.
const (
	EventTraffic   = "traffic"   // travel in a disc is slower by a factor until a time
	EventBreakdown = "breakdown" // a truck is out of service where it stands
	EventNewOrder  = "new_order" // a pickup point orders more, to arrive by a deadline
	EventCancel    = "cancel"    // a pickup point's delivery is cancelled
	maxRadiusM     = 100_000.0   // a traffic disc larger than a city is a typo
	maxFactor      = 100.0       // travel 100 times slower is a closed road
)

// Event is one line of an events file. Times are HH:MM on the delivery day;
// the parsed fields (AtS, UntilS, DeadlineS: seconds after midnight, and
// Line) are filled by ReadEvents.
type Event struct {
	At   string `json:"at"`
	Type string `json:"type"`

	// Traffic: the disc [lng, lat] and radius_m, the factor on travel time
	// (2.0: twice as slow) and the time it lasts until.
	Center  *geo.Point `json:"center,omitempty"`
	RadiusM float64    `json:"radius_m,omitempty"`
	Factor  float64    `json:"factor,omitempty"`
	Until   string     `json:"until,omitempty"`

	// Breakdown: the truck's id.
	Truck string `json:"truck,omitempty"`

	// New order and cancel: the pickup point's id; a new order's weight,
	// volume and deadline.
	PickupPoint string  `json:"pickup_point,omitempty"`
	WeightKg    float64 `json:"weight_kg,omitempty"`
	VolumeM3    float64 `json:"volume_m3,omitempty"`
	Deadline    string  `json:"deadline,omitempty"`

	Line      int `json:"-"` // 1-based line in the file
	AtS       int `json:"-"`
	UntilS    int `json:"-"`
	DeadlineS int `json:"-"`
}

// keys lists the keys each event type takes besides "at" and "type"; the
// first ones listed are required.
var keys = map[string]struct{ required, optional []string }{
	EventTraffic:   {[]string{"center", "radius_m", "factor", "until"}, nil},
	EventBreakdown: {[]string{"truck"}, nil},
	EventNewOrder:  {[]string{"pickup_point", "deadline"}, []string{"weight_kg", "volume_m3"}},
	EventCancel:    {[]string{"pickup_point"}, nil},
}

// Names are the ids an events file may refer to.
type Names struct {
	Trucks       []string
	PickupPoints []string
}

// ReadEvents reads an events file: one JSON object a line (blank lines are
// skipped), times in order. file names the source in errors, which read
// "events.jsonl:3:truck: unknown truck \"T99\"". Every problem is listed
// (up to solver.MaxViolations) in one *solver.InputError; nothing is dropped
// or fixed silently.
func ReadEvents(r io.Reader, file string, names Names) ([]Event, error) {
	trucks, points := set(names.Trucks), set(names.PickupPoints)
	var (
		v    solver.Violations
		out  []Event
		last = -1
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		at := func(key string) string { return fmt.Sprintf("%s:%d:%s", file, line, key) }
		e, ok := decodeEvent(raw, at, &v)
		if !ok {
			continue
		}
		e.Line = line
		checkEvent(&e, at, trucks, points, &v)
		if e.AtS >= 0 {
			if e.AtS < last {
				v.Add(at("at"), "events must be in time order: %s is before the line above", e.At)
			}
			last = max(last, e.AtS)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeEvent decodes one line strictly: it must be an object whose keys are
// "at", "type" and the keys of that type, each present when required.
func decodeEvent(raw []byte, at func(string) string, v *solver.Violations) (Event, bool) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		v.Add(at("json"), "not a JSON object: %v", err)
		return Event{}, false
	}
	var e Event
	if err := json.Unmarshal(raw, &e); err != nil {
		v.Add(at("json"), "%v", err)
		return Event{}, false
	}
	k, known := keys[e.Type]
	if !known {
		v.Add(at("type"), "must be one of traffic, breakdown, new_order, cancel, got %q", e.Type)
		return Event{}, false
	}
	if _, ok := fields["at"]; !ok {
		v.Add(at("at"), "missing")
	}
	for _, key := range k.required {
		if _, ok := fields[key]; !ok {
			v.Add(at(key), "missing (a %s event needs %s)", e.Type, strings.Join(k.required, ", "))
		}
	}
	for key := range fields {
		if key != "at" && key != "type" && !slices.Contains(k.required, key) && !slices.Contains(k.optional, key) {
			v.Add(at(key), "not a field of a %s event", e.Type)
		}
	}
	return e, true
}

// checkEvent parses the times of e and checks its values and references.
func checkEvent(e *Event, at func(string) string, trucks, points map[string]bool, v *solver.Violations) {
	e.AtS = clock(e.At, at("at"), v)
	switch e.Type {
	case EventTraffic:
		if e.Center != nil {
			if msg := geo.CheckPoint(*e.Center); msg != "" {
				v.Add(at("center"), "%s", msg)
			}
		}
		if !(e.RadiusM > 0 && e.RadiusM <= maxRadiusM) {
			v.Add(at("radius_m"), "must be in (0, %g], got %g", maxRadiusM, e.RadiusM)
		}
		if !(e.Factor > 0 && e.Factor <= maxFactor) || math.IsNaN(e.Factor) {
			v.Add(at("factor"), "must be in (0, %g], got %g", maxFactor, e.Factor)
		}
		e.UntilS = clock(e.Until, at("until"), v)
		if e.UntilS >= 0 && e.AtS >= 0 && e.UntilS <= e.AtS {
			v.Add(at("until"), "must be after at (%s), got %s", e.At, e.Until)
		}
	case EventBreakdown:
		if !trucks[e.Truck] {
			v.Add(at("truck"), "unknown truck %q", e.Truck)
		}
	case EventNewOrder:
		if !points[e.PickupPoint] {
			v.Add(at("pickup_point"), "unknown pickup point %q", e.PickupPoint)
		}
		if !(e.WeightKg >= 0) || math.IsInf(e.WeightKg, 0) {
			v.Add(at("weight_kg"), "must be a finite number >= 0, got %g", e.WeightKg)
		}
		if !(e.VolumeM3 >= 0) || math.IsInf(e.VolumeM3, 0) {
			v.Add(at("volume_m3"), "must be a finite number >= 0, got %g", e.VolumeM3)
		}
		e.DeadlineS = clock(e.Deadline, at("deadline"), v)
		if e.DeadlineS >= 0 && e.AtS >= 0 && e.DeadlineS <= e.AtS {
			v.Add(at("deadline"), "must be after at (%s), got %s", e.At, e.Deadline)
		}
	case EventCancel:
		if !points[e.PickupPoint] {
			v.Add(at("pickup_point"), "unknown pickup point %q", e.PickupPoint)
		}
	}
}

// clock parses HH:MM (00:00 to 23:59) into seconds after midnight, or adds
// a violation and returns -1.
func clock(s, field string, v *solver.Violations) int {
	t, err := ParseClock(s)
	if err != nil {
		v.Add(field, "%v", err)
		return -1
	}
	return t
}

// ParseClock parses a time of day as HH:MM (00:00 to 23:59) into seconds
// after midnight.
func ParseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) != 2 || len(m) != 2 {
		return 0, fmt.Errorf("must be a time as HH:MM, got %q", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("must be a time as HH:MM from 00:00 to 23:59, got %q", s)
	}
	return hh*3600 + mm*60, nil
}

// FormatClock writes seconds after midnight as HH:MM, rounding to the
// nearest minute; times past midnight keep counting hours (24:10).
func FormatClock(s float64) string {
	m := int(math.Round(s / 60))
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

func set(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
