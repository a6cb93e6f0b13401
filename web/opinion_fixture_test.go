package web

import (
	"context"
	"slices"
	"time"

	"jingzi"
	"jingzi/mock"
)

// opinionStore is the fixture's in-memory 征求意见: solicitation 5 of meeting 7
// (threshold 3), the codes it handed out and the opinions, with the permission
// rules of the root package.
type opinionStore struct {
	sols      *mock.SolicitationService
	ops       *mock.OpinionService
	sol       *jingzi.Solicitation
	codes     map[string]bool // normalised code → used
	opinions  []*jingzi.Opinion
	submitted []context.Context // contexts the anonymous submissions ran under
	nextID    int
}

// The fixture's printed codes; validCode is unused.
const (
	validCode = "ABCD-EFGH-JKMN"
	usedCode  = "PQRS-TUVW-XYZ2"
)

func (f *fixture) wireOpinions() {
	st := &opinionStore{sols: &mock.SolicitationService{}, ops: &mock.OpinionService{},
		sol: &jingzi.Solicitation{ID: 5, MeetingID: 7, Title: "2022年度民主生活会征求意见", Threshold: 3,
			OpensOn: time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC), ClosesOn: time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC),
			CodesIssued: 10, CodesUsed: 3},
		codes: map[string]bool{jingzi.NormalizeCode(validCode): false, jingzi.NormalizeCode(usedCode): true}}
	f.opin = st
	st.opinions = []*jingzi.Opinion{
		{ID: "m2opinionteam", SolicitationID: 5, Channel: jingzi.ChannelCode, Text: "班子调研基层不够。", AspectIndex: -1},
		{ID: "k7opinionli", SolicitationID: 5, Channel: jingzi.ChannelCode, ParticipantID: 2, Text: "李副局长下基层少。", AspectIndex: 2},
		{ID: "a1opinionforum", SolicitationID: 5, Channel: jingzi.ChannelForum, Unit: "养老服务科", ParticipantID: 1, Text: "张书记开会多。", AspectIndex: 0},
	}
	manage := func(ctx context.Context) error {
		if !jingzi.CanManageMeeting(ctx, f.meeting.OrgPath) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以管理征求意见。")
		}
		return nil
	}
	find := func(ctx context.Context, id int64) (*jingzi.Solicitation, error) {
		if id != st.sol.ID || !jingzi.CanViewMeeting(ctx, f.meeting.OrgPath) {
			return nil, jingzi.Errorf(jingzi.ENOTFOUND, "征求意见不存在。")
		}
		c := *st.sol
		return &c, nil
	}
	st.sols.FindSolicitationByIDFn = find
	st.sols.FindSolicitationsFn = func(ctx context.Context, filter jingzi.SolicitationFilter) ([]*jingzi.Solicitation, int, error) {
		s, err := find(ctx, st.sol.ID)
		if err != nil {
			return nil, 0, nil
		}
		return []*jingzi.Solicitation{s}, 1, nil
	}
	st.sols.CreateSolicitationFn = func(ctx context.Context, s *jingzi.Solicitation) error {
		if err := s.Validate(); err != nil {
			return err
		}
		s.ID = 6
		return manage(ctx)
	}
	st.sols.UpdateSolicitationFn = func(ctx context.Context, id int64, upd jingzi.SolicitationUpdate) (*jingzi.Solicitation, error) {
		if err := manage(ctx); err != nil {
			return nil, err
		}
		if upd.Released != nil {
			st.sol.Released = *upd.Released
		}
		return st.sol, nil
	}
	st.sols.GenerateCodesFn = func(ctx context.Context, id int64, n int, unit string) ([]string, error) {
		if err := manage(ctx); err != nil {
			return nil, err
		} else if n < 1 || n > jingzi.MaxCodesPerBatch {
			return nil, jingzi.Errorf(jingzi.EINVALID, "每次可生成1至500个匿名码。")
		}
		var out []string
		for i := 0; i < n; i++ {
			code, _ := jingzi.NewCode()
			out = append(out, code)
		}
		return out, nil
	}
	st.sols.CreateUnitFormFn = func(ctx context.Context, id int64, unit string) (*jingzi.UnitForm, error) {
		return &jingzi.UnitForm{ID: 1, SolicitationID: id, Unit: unit, Token: "0123456789abcdef0123456789abcdef"}, manage(ctx)
	}
	st.sols.FindUnitFormsFn = func(ctx context.Context, id int64) ([]*jingzi.UnitForm, error) {
		return []*jingzi.UnitForm{{ID: 1, SolicitationID: id, Unit: "社会救助科", Token: "0123456789abcdef0123456789abcdef", Submissions: 2}}, manage(ctx)
	}
	badCode := jingzi.Errorf(jingzi.ENOTFOUND, "该意见码无效、已使用或不在征求意见期间内。请核对后重新输入。")
	ballot := func() *jingzi.Ballot {
		b := &jingzi.Ballot{SolicitationID: 5, Title: st.sol.Title, OrgName: f.meeting.OrgName, Aspects: aspectLabels(f.meeting)}
		for _, p := range f.meeting.Participants {
			b.Participants = append(b.Participants, jingzi.BallotTarget{ID: p.ID, Name: p.Name, Title: p.Title})
		}
		return b
	}
	st.sols.OpenBallotByCodeFn = func(ctx context.Context, code string) (*jingzi.Ballot, error) {
		if used, ok := st.codes[jingzi.NormalizeCode(code)]; !ok || used {
			return nil, badCode
		}
		return ballot(), nil
	}
	st.sols.OpenBallotByUnitFn = func(ctx context.Context, token string) (*jingzi.Ballot, error) {
		if token != "0123456789abcdef0123456789abcdef" {
			return nil, badCode
		}
		b := ballot()
		b.Unit = "社会救助科"
		return b, nil
	}
	submit := func(ctx context.Context, ch jingzi.Channel, list []*jingzi.Opinion) error {
		if len(list) == 0 {
			return jingzi.Errorf(jingzi.EINVALID, "请至少填写一条意见建议。")
		}
		st.submitted = append(st.submitted, ctx)
		for _, o := range list {
			o.SolicitationID, o.Channel = 5, ch
			o.ID, _ = jingzi.NewOpinionID()
			st.opinions = append(st.opinions, o)
		}
		return nil
	}
	st.sols.SubmitByCodeFn = func(ctx context.Context, code string, list []*jingzi.Opinion) error {
		n := jingzi.NormalizeCode(code)
		if used, ok := st.codes[n]; !ok || used {
			return badCode
		}
		if err := submit(ctx, jingzi.ChannelCode, list); err != nil {
			return err
		}
		st.codes[n] = true
		return nil
	}
	st.sols.SubmitByUnitFn = func(ctx context.Context, token string, list []*jingzi.Opinion) error {
		return submit(ctx, jingzi.ChannelUnit, list)
	}
	st.sols.CountOpinionsFn = func(ctx context.Context, meetingID int64) (int, int, error) { return 7, 3, nil }
	f.wireOpinionService(manage)
	f.s.SolicitationService, f.s.OpinionService = st.sols, st.ops
}

func (f *fixture) wireOpinionService(manage func(context.Context) error) {
	st := f.opin
	find := func(ctx context.Context, id string) (*jingzi.Opinion, error) {
		for _, o := range st.opinions {
			if o.ID == id && jingzi.CanSeeOpinion(ctx, f.meeting, st.sol, o) {
				return o, nil
			}
		}
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "意见建议不存在。")
	}
	st.ops.FindOpinionByIDFn = find
	st.ops.FindOpinionsFn = func(ctx context.Context, filter jingzi.OpinionFilter) ([]*jingzi.Opinion, int, error) {
		var out []*jingzi.Opinion
		for _, o := range st.opinions {
			if jingzi.CanSeeOpinion(ctx, f.meeting, st.sol, o) {
				out = append(out, o)
			}
		}
		slices.SortFunc(out, func(a, b *jingzi.Opinion) int { return compareStrings(a.ID, b.ID) })
		return out, len(out), nil
	}
	st.ops.CreateOpinionFn = func(ctx context.Context, o *jingzi.Opinion) error {
		if err := manage(ctx); err != nil {
			return err
		} else if err := o.Validate(); err != nil {
			return err
		}
		o.ID, _ = jingzi.NewOpinionID()
		st.opinions = append(st.opinions, o)
		return nil
	}
	st.ops.UpdateOpinionFn = func(ctx context.Context, id string, upd jingzi.OpinionUpdate) (*jingzi.Opinion, error) {
		o, err := find(ctx, id)
		if err != nil {
			return nil, err
		} else if err := manage(ctx); err != nil {
			return nil, err
		}
		o.ParticipantID, o.AspectIndex, o.Status = *upd.ParticipantID, *upd.AspectIndex, *upd.Status
		return o, o.Validate()
	}
	st.ops.MergeOpinionsFn = func(ctx context.Context, into string, ids []string) error {
		if err := manage(ctx); err != nil {
			return err
		} else if len(ids) == 0 || slices.Contains(ids, into) {
			return jingzi.Errorf(jingzi.EINVALID, "请选择要合并的重复意见。")
		}
		for _, id := range ids {
			o, err := find(ctx, id)
			if err != nil {
				return err
			}
			o.MergedInto = into
		}
		return nil
	}
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
