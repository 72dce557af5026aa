package server

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/valyala/fasthttp"

	"fulfil/jobq"
)

// A job may leave files beside its result (POST /v1/plan leaves the task
// sheets, the workbook, the map and the report, and its result is
// plan.json). GET /v1/jobs/{id}/files lists them and
// GET /v1/jobs/{id}/files/{name} serves one, from either store, once the
// job has succeeded.

// JobFile is one file of a job, as GET /v1/jobs/{id}/files lists it.
type JobFile struct {
	Name        string `json:"name"`
	Bytes       int    `json:"bytes"`
	ContentType string `json:"content_type"`
}

// JobFileList is the body of GET /v1/jobs/{id}/files: the job's files,
// the result first when it is one of them.
type JobFileList struct {
	ID    string    `json:"id"`
	Files []JobFile `json:"files"`
}

// jobFiles is what the file routes read of a job in either store.
type jobFiles struct {
	state  JobState
	purged bool
	list   []JobFile
	// read returns the content of a listed file; jobq.ErrPurged when it
	// is gone.
	read func(ctx context.Context, name string) ([]byte, error)
}

// resultContentType is the media type of a result served as a file:
// results are JSON.
const resultContentType = "application/json"

// files returns the files of the job id held in memory.
func (st *jobStore) files(id string) (jobFiles, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	j, ok := st.jobs[id]
	if !ok {
		return jobFiles{}, false
	}
	jf := jobFiles{state: j.state, purged: j.purged, list: []JobFile{}}
	data := map[string][]byte{}
	if j.resultFile != "" {
		jf.list = append(jf.list, JobFile{Name: j.resultFile, Bytes: len(j.result), ContentType: resultContentType})
		data[j.resultFile] = j.result
	}
	for _, f := range j.files {
		jf.list = append(jf.list, JobFile{Name: f.Name, Bytes: len(f.Data), ContentType: f.ContentType})
		data[f.Name] = f.Data
	}
	// The slices are never written once the job has ended; a purge only
	// forgets them.
	jf.read = func(_ context.Context, name string) ([]byte, error) { return data[name], nil }
	return jf, true
}

// durableFiles returns the files of a durable job.
func (s *Server) durableFiles(ctx context.Context, id string) (jobFiles, bool, error) {
	rec, err := s.cfg.Jobs.Get(ctx, id)
	if errors.Is(err, jobq.ErrNotFound) {
		return jobFiles{}, false, nil
	}
	if err != nil {
		return jobFiles{}, false, err
	}
	jf := jobFiles{state: JobState(rec.State), purged: rec.ResultPurged, list: []JobFile{}}
	if rec.ResultFile != "" {
		jf.list = append(jf.list, JobFile{Name: rec.ResultFile, Bytes: rec.ResultBytes, ContentType: resultContentType})
	}
	for _, f := range rec.Files {
		jf.list = append(jf.list, JobFile{Name: f.Name, Bytes: f.Bytes, ContentType: f.ContentType})
	}
	jf.read = func(ctx context.Context, name string) ([]byte, error) { return s.cfg.Jobs.File(ctx, rec, name) }
	return jf, true, nil
}

// serveFiles answers GET /v1/jobs/{id}/files (name "") and
// GET /v1/jobs/{id}/files/{name}.
func (s *Server) serveFiles(rc *fasthttp.RequestCtx, jobID, name, id string) {
	ctx, cancel := context.WithTimeout(s.base, 30*time.Second)
	defer cancel()
	var jf jobFiles
	var ok bool
	var err error
	retention := s.cfg.JobRetention
	if s.cfg.Jobs != nil {
		jf, ok, err = s.durableFiles(ctx, jobID)
		retention = s.cfg.Jobs.Config().Retention
	} else {
		jf, ok = s.jobs.files(jobID)
	}
	if err != nil {
		s.log.Error("reading a job", "request_id", id, "job", jobID, "err", err)
		s.writeError(rc, errQueueDown, id)
		return
	}
	if !ok {
		s.writeError(rc, notFound("id", "no job %q (ended jobs are kept for %v)", jobID, retention), id)
		return
	}
	if jf.state != JobSucceeded {
		s.writeError(rc, &apiError{status: fasthttp.StatusConflict, code: CodeNotReady, field: "id",
			msg: fmt.Sprintf("job %s has not succeeded (it is %s); its files are served once it has", jobID, jf.state)}, id)
		return
	}
	if jf.purged {
		s.writeError(rc, errPurged(jobID), id)
		return
	}
	if name == "" {
		s.writeJSON(rc, 200, JobFileList{ID: jobID, Files: jf.list})
		return
	}
	var file *JobFile
	for i := range jf.list {
		if jf.list[i].Name == name {
			file = &jf.list[i]
		}
	}
	if file == nil {
		s.writeError(rc, notFound("name", "job %s has no file %q; GET /v1/jobs/%s/files lists them", jobID, name, jobID), id)
		return
	}
	b, err := jf.read(ctx, name)
	switch {
	case errors.Is(err, jobq.ErrPurged):
		s.writeError(rc, errPurged(jobID), id)
		return
	case err != nil:
		s.log.Error("reading a job file", "request_id", id, "job", jobID, "file", name, "err", err)
		s.writeError(rc, errQueueDown, id)
		return
	}
	rc.SetStatusCode(200)
	rc.SetContentType(file.ContentType)
	rc.Response.Header.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	rc.SetBody(b)
}

// errPurged: a job's result and files were dropped to keep the stored
// results within their byte budget.
func errPurged(jobID string) *apiError {
	return &apiError{status: fasthttp.StatusGone, code: CodePurged, field: "id",
		msg: fmt.Sprintf("the result and files of job %s were deleted to keep stored results within their byte budget (result_purged); submit the job again", jobID)}
}

// errQueueDown: the durable job queue did not answer.
var errQueueDown = &apiError{status: fasthttp.StatusServiceUnavailable, code: CodeCanceled, msg: "the job queue is unavailable; retry later", retryAfter: 5}
