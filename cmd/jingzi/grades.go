package main

import (
	"context"
	"log/slog"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// gradeStore keeps the 材料质量检查 grade of each statement version
// (sqldb.StatementService).
type gradeStore interface {
	RecordCheckGrade(ctx context.Context, statementID int64, version, score int, grade string) (bool, error)
	StatementsToGrade(ctx context.Context, limit int) ([]sqldb.GradeRef, error)
}

// grader stores the grade of the check for the 督导一览, which shows the grades
// of forty teams' statements and cannot run the check for each of them.
type grader struct {
	checker *checker
	store   gradeStore
	logger  *slog.Logger
}

// grade checks the statement as the system (the grade does not depend on who
// saved it) and stores the grade for the version it checked.
func (g *grader) grade(ctx context.Context, id int64) error {
	sys := jingzi.SystemContext(ctx, "材料质量评级")
	s, rep, err := g.checker.check(sys, id)
	if err != nil {
		return err
	}
	_, err = g.store.RecordCheckGrade(sys, id, s.Version, rep.Score, rep.Grade)
	return err
}

// backfill grades the statements whose current version has no grade: those
// saved before grades were stored, by a path that does not grade (the demo),
// or whose grading failed. It returns how many it graded.
func (g *grader) backfill(ctx context.Context) (int, error) {
	refs, err := g.store.StatementsToGrade(jingzi.SystemContext(ctx, "材料质量评级"), 0)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range refs {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		if err := g.grade(ctx, r.StatementID); err != nil {
			if jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
				g.logger.Warn("grade statement", "statement", r.StatementID, "err", err)
			}
			continue
		}
		n++
	}
	return n, nil
}

// gradeStatements is the server's background job: it grades what is missing
// at start and then every hour. It closes done when ctx ends.
func gradeStatements(ctx context.Context, g *grader, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if n, err := g.backfill(ctx); err != nil && ctx.Err() == nil {
			g.logger.Warn("grade statements", "err", err)
		} else if n > 0 {
			g.logger.Info("grade statements", "graded", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// gradedStatements is the StatementService the web server uses: after a
// create or save succeeded it stores the statement's grade. A failed grading
// leaves the save standing; the background job grades the statement later.
type gradedStatements struct {
	jingzi.StatementService
	grader *grader
}

func (s gradedStatements) CreateStatement(ctx context.Context, st *jingzi.Statement, note string) error {
	if err := s.StatementService.CreateStatement(ctx, st, note); err != nil {
		return err
	}
	s.gradeAfterSave(ctx, st.ID)
	return nil
}

func (s gradedStatements) SaveStatement(ctx context.Context, st *jingzi.Statement, note string) error {
	if err := s.StatementService.SaveStatement(ctx, st, note); err != nil {
		return err
	}
	s.gradeAfterSave(ctx, st.ID)
	return nil
}

func (s gradedStatements) gradeAfterSave(ctx context.Context, id int64) {
	if err := s.grader.grade(ctx, id); err != nil {
		s.grader.logger.Warn("grade statement after save", "statement", id, "err", err)
	}
}
