package datasets

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"
)

// Format names a file format this package reads.
type Format int

const (
	FormatUnknown  Format = iota
	FormatVRPLIB          // TSPLIB/VRPLIB CVRP instance (.vrp): ReadVRPLIB
	FormatSolomon         // Solomon / Gehring–Homberger VRPTW instance: ReadSolomon
	FormatSPRP            // Heßler–Irnich picker routing instance: ReadSPRP
	FormatGAP             // one-problem GAP file: ReadGAP
	FormatORLibGAP        // OR-Library multi-problem GAP file: ReadORLibGAP
	FormatSolution        // CVRPLIB solution (.sol): ReadSolution
	FormatLiLim           // Li & Lim pickup and delivery instance: ReadLiLim
	FormatSINTEF          // SINTEF solution (Li & Lim, Gehring–Homberger): ReadSINTEF
	FormatVRPJSON         // the service's routing JSON (a /v1/vrp body or a vrp.Input): ReadVRPJSON
)

func (f Format) String() string {
	switch f {
	case FormatVRPLIB:
		return "vrplib"
	case FormatSolomon:
		return "solomon"
	case FormatSPRP:
		return "sprp"
	case FormatGAP:
		return "gap"
	case FormatORLibGAP:
		return "orlib-gap"
	case FormatSolution:
		return "solution"
	case FormatLiLim:
		return "li-lim"
	case FormatSINTEF:
		return "sintef-solution"
	case FormatVRPJSON:
		return "vrp-json"
	}
	return "unknown"
}

// DetectHeadSize is how many leading bytes of a file Detect needs.
const DetectHeadSize = 4096

// Detect guesses the format of a file from its first bytes (DetectHeadSize
// suffice) by the keywords it contains, so that a command can dispatch on
// content rather than on the file name. It only looks: the reader for the
// format still validates everything.
func Detect(head []byte) Format {
	if t := bytes.TrimSpace(head); len(t) > 0 && t[0] == '{' {
		return FormatVRPJSON
	}
	var first, second []string // fields of the first two non-blank lines
	vrplib := false
	for raw := range bytes.Lines(head) {
		line := strings.TrimSpace(string(raw))
		if line == "" {
			continue
		}
		if first == nil {
			first = strings.Fields(line)
			if strings.HasPrefix(line, "Route #") {
				return FormatSolution
			}
			if strings.HasPrefix(line, "Instance name") {
				return FormatSINTEF
			}
		} else if second == nil {
			second = strings.Fields(line)
		}
		up := strings.ToUpper(line)
		key, val, _ := strings.Cut(up, ":")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch {
		case key == "TYPE" && val == "SINGLE_PICKER_ROUTING",
			key == "NUM_AISLES", key == "DEPOT_AISLE", key == "ARTICLE_SECTION":
			return FormatSPRP
		case key == "DIMENSION", key == "EDGE_WEIGHT_TYPE", key == "NODE_COORD_SECTION",
			key == "DEMAND_SECTION", key == "TYPE" && val == "CVRP":
			vrplib = true
		case up == "VEHICLE", strings.HasPrefix(up, "CUST NO"):
			if !vrplib {
				return FormatSolomon
			}
		}
	}
	if vrplib {
		return FormatVRPLIB
	}
	if len(first) == 0 {
		return FormatUnknown
	}
	for _, f := range first {
		if _, err := strconv.ParseInt(f, 10, 64); err != nil {
			return FormatUnknown
		}
	}
	switch len(first) {
	case 1:
		return FormatORLibGAP
	case 2:
		return FormatGAP
	case 3:
		if len(second) == 9 {
			return FormatLiLim
		}
	}
	return FormatUnknown
}

// DetectFile reads the head of the file at path and returns Detect's guess.
func DetectFile(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return FormatUnknown, err
	}
	defer f.Close()
	head := make([]byte, DetectHeadSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return FormatUnknown, err
	}
	return Detect(head[:n]), nil
}
