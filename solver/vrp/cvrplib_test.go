package vrp_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"fulfil/geo"
	"fulfil/solver/vrp"
)

// readCVRPLIB reads a CVRPLIB EUC_2D instance into an Input with a free
// fleet and nint Euclidean distances. It is a test helper; the product's
// reader lives in package datasets.
func readCVRPLIB(t testing.TB, path string) *vrp.Input {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("instance %s absent: %v", path, err)
	}
	defer f.Close()
	var (
		dim, capacity int
		coords        [][2]float64
		demand        []int64
		section       string
		depot         = 1
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if k, v, ok := strings.Cut(line, ":"); ok && section == "" || ok && !isNum(strings.Fields(line)[0]) {
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			switch k {
			case "DIMENSION":
				dim, _ = strconv.Atoi(v)
				coords = make([][2]float64, dim)
				demand = make([]int64, dim)
			case "CAPACITY":
				capacity, _ = strconv.Atoi(v)
			}
			section = ""
			continue
		}
		fs := strings.Fields(line)
		switch {
		case fs[0] == "NODE_COORD_SECTION" || fs[0] == "DEMAND_SECTION" || fs[0] == "DEPOT_SECTION":
			section = fs[0]
		case fs[0] == "EOF":
			section = ""
		case section == "NODE_COORD_SECTION":
			i, _ := strconv.Atoi(fs[0])
			x, _ := strconv.ParseFloat(fs[1], 64)
			y, _ := strconv.ParseFloat(fs[2], 64)
			coords[i-1] = [2]float64{x, y}
		case section == "DEMAND_SECTION":
			i, _ := strconv.Atoi(fs[0])
			d, _ := strconv.ParseInt(fs[1], 10, 64)
			demand[i-1] = d
		case section == "DEPOT_SECTION":
			if d, _ := strconv.Atoi(fs[0]); d > 0 {
				depot = d
			}
		}
	}
	if dim == 0 || capacity == 0 {
		t.Fatalf("%s: no DIMENSION or CAPACITY", path)
	}
	in := &vrp.Input{
		Depots:   []vrp.Depot{{ID: "depot", Location: geo.Point(coords[depot-1])}},
		Vehicles: []vrp.Vehicle{{ID: "truck", StartDepot: "depot", Capacity: vrp.Load{Units: int64(capacity)}}},
		Travel:   vrp.Travel{Metric: "euclidean", Rounding: "nint"},
	}
	for i := range dim {
		if i == depot-1 {
			continue
		}
		in.Stops = append(in.Stops, vrp.Stop{ID: fmt.Sprint(i), Location: geo.Point(coords[i]), Demand: vrp.Load{Units: demand[i]}})
	}
	return in
}

func isNum(s string) bool { _, err := strconv.ParseFloat(s, 64); return err == nil }
