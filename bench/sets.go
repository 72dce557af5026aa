package bench

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fulfil/datasets"
)

// Kind is the problem a benchmark set poses.
type Kind string

const (
	KindCVRP  Kind = "cvrp"  // CVRPLIB .vrp files with bks.csv
	KindVRPTW Kind = "vrptw" // Solomon / Gehring–Homberger .txt files with bks.csv
	KindGAP   Kind = "gap"   // one-problem GAP files under instances/, bks.csv
	KindSPRP  Kind = "sprp"  // picker-routing instances/ with results/
	KindPDPTW Kind = "pdptw" // Li & Lim .txt files, hierarchical bks.csv here or one folder up
)

// Set is a benchmark set: its instances in a stable order and the runner
// that solves them.
type Set struct {
	Name      string
	Dir       string
	Kind      Kind
	Instances []Instance
	Runner    Runner
}

// Open finds what kind of set dir holds and lists its instances with their
// best-known values. twoBlock selects the two-block variant of a
// picker-routing set.
func Open(dir string, twoBlock bool) (*Set, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("opening benchmark set: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("opening benchmark set: %s is not a directory", dir)
	}
	set := &Set{Name: filepath.Base(filepath.Clean(dir)), Dir: dir}
	if isDir(filepath.Join(dir, "instances")) && isDir(filepath.Join(dir, "results")) {
		return openSPRP(set, twoBlock)
	}
	if isLiLim(dir) {
		return openLiLim(set)
	}
	bks, err := datasets.ReadBKS(filepath.Join(dir, "bks.csv"))
	if err != nil {
		return nil, fmt.Errorf("opening benchmark set %s: %w", dir, err)
	}
	if isDir(filepath.Join(dir, "instances")) {
		set.Kind, set.Runner = KindGAP, runGAP
		for key, b := range bks {
			set.Instances = append(set.Instances, Instance{
				Name: key, Path: filepath.Join(dir, "instances", filepath.FromSlash(key)),
				BKS: b.Value, Optimal: b.Optimal,
			})
		}
		sortInstances(set.Instances)
		return set, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("opening benchmark set: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if e.IsDir() || (ext != ".vrp" && ext != ".txt") {
			continue
		}
		stem := strings.TrimSuffix(name, ext)
		kind := KindCVRP
		if ext == ".txt" {
			kind = KindVRPTW
		}
		if set.Kind != "" && set.Kind != kind {
			return nil, fmt.Errorf("opening benchmark set %s: mixes .vrp and .txt instances", dir)
		}
		set.Kind = kind
		inst := Instance{Name: stem, Path: filepath.Join(dir, name), BKS: math.NaN()}
		if b, ok := bks[stem]; ok {
			inst.BKS, inst.Optimal = b.Value, b.Optimal
		}
		set.Instances = append(set.Instances, inst)
	}
	if len(set.Instances) == 0 {
		return nil, fmt.Errorf("opening benchmark set %s: no .vrp or .txt instance", dir)
	}
	set.Runner = runVRP
	sortInstances(set.Instances)
	return set, nil
}

func openSPRP(set *Set, twoBlock bool) (*Set, error) {
	set.Kind, set.Runner = KindSPRP, runSPRP
	results := "results_SPRP.csv"
	variant := ""
	if twoBlock {
		results, variant = "results_SPRP_two_block.csv", "two-block"
		set.Name += "-two-block"
	}
	opt, err := datasets.ReadSPRPResults(filepath.Join(set.Dir, "results", results))
	if err != nil {
		return nil, fmt.Errorf("opening picker-routing set: %w", err)
	}
	for name, v := range opt {
		set.Instances = append(set.Instances, Instance{
			Name: name, Path: filepath.Join(set.Dir, "instances", name),
			BKS: v, Optimal: true, Variant: variant,
		})
	}
	sortInstances(set.Instances)
	return set, nil
}

// sortInstances orders instances by size where the name carries it
// (X-n101-k25 before X-n1001-k43), then by name.
func sortInstances(list []Instance) {
	slices.SortFunc(list, func(a, b Instance) int {
		return cmp.Or(cmp.Compare(sizeOf(a.Name), sizeOf(b.Name)), cmp.Compare(a.Name, b.Name))
	})
}

// sizeOf reads the number after "-n" in a CVRPLIB name; 0 when there is none.
func sizeOf(name string) int {
	i := strings.Index(name, "-n")
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range name[i+2:] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// isLiLim reports whether the first .txt instance in dir is a Li & Lim
// file.
func isLiLim(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && filepath.Ext(e.Name()) == ".txt" {
			f, err := datasets.DetectFile(filepath.Join(dir, e.Name()))
			return err == nil && f == datasets.FormatLiLim
		}
	}
	return false
}

// openLiLim lists a Li & Lim set: its .txt instances, with the
// hierarchical best-known values (vehicles, then distance) of bks.csv in
// the folder or, as the shared datasets keep it, the folder above.
func openLiLim(set *Set) (*Set, error) {
	set.Kind, set.Runner = KindPDPTW, runLiLim
	path := filepath.Join(set.Dir, "bks.csv")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join(set.Dir, "..", "bks.csv")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening benchmark set %s: %w", set.Dir, err)
	}
	defer f.Close()
	bks, err := datasets.ReadHierBKS(f, path)
	if err != nil {
		return nil, fmt.Errorf("opening benchmark set %s: %w", set.Dir, err)
	}
	entries, err := os.ReadDir(set.Dir)
	if err != nil {
		return nil, fmt.Errorf("opening benchmark set: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || filepath.Ext(name) != ".txt" {
			continue
		}
		stem := strings.TrimSuffix(name, ".txt")
		inst := Instance{Name: stem, Path: filepath.Join(set.Dir, name), BKS: math.NaN()}
		if b, ok := bks[stem]; ok {
			inst.BKS, inst.BKSVehicles = b.Distance, b.Vehicles
		}
		set.Instances = append(set.Instances, inst)
	}
	sortInstances(set.Instances)
	return set, nil
}
