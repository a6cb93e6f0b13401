package web

import (
	"net/http"

	"jingzi"
)

// comingSoon is the plain notice on pages whose function is not built yet.
const comingSoon = "该功能正在建设中，将在后续版本提供。"

// phasePlans say what each phase's pages will do, so that a user who follows a
// link learns what is coming instead of meeting a dead end.
var phasePlans = map[jingzi.Phase][]string{
	jingzi.PhasePlan: {"确定会议年度、类型与检视框架，维护班子成员名单、主要负责人和分管范围；",
		"设定学习研讨、征求意见、召开会议等时间节点，按规定提前向上级报告会议主题和时间。"},
	jingzi.PhaseStudy: {"登记专题学习和集中研讨的时间、主题、参加人员；", "记录研讨发言和学习心得，自动统计学习次数。"},
	jingzi.PhaseOpinions: {"生成一次性匿名意见码，打印意见征求单或发送链接；", "录入座谈会、个别访谈等方式收集的意见；",
		"对意见归类、合并重复项，并向班子成员原汁原味反馈；", "自动统计“征求意见N条、覆盖N个单位”。"},
	jingzi.PhaseTalks: {"按班子名单自动生成“四必谈”谈话对象；", "登记谈心谈话记录，以矩阵显示尚未完成的谈话；",
		"自动统计“谈心谈话N人次”。"},
	jingzi.PhaseStatements: {"按检视框架生成对照检查材料提纲，导入 .docx、.txt、.md 文稿；",
		"将每个问题与所回应的意见对号入座，前言中的数字由记录自动生成；", "自动检查占位符、查重，并保留各版本及差异。"},
	jingzi.PhaseReview:  {"主要负责人先行审阅班子成员材料，再报上级组织部、纪委审核；", "审核人可批注、退回并说明理由，或审核通过。"},
	jingzi.PhaseMeeting: {"登记到会情况并核验是否达到应到人数的三分之二；", "记录会议议程、个人发言、相互批评和督导组点评，形成会议记录。"},
	jingzi.PhaseRectify: {"会后15日内形成情况报告；", "把问题、意见和批评转为整改台账，明确责任人、时限和量化目标；",
		"登记整改进展和佐证材料，红黄绿显示进度，逾期提醒，审核后销号并通报。"},
	jingzi.PhaseArchive: {"汇总会议全部材料形成档案，按公文格式导出；", "未完成的整改事项自动转入下一年度会议。"},
}

// supervisionPlan says what the reviewers' page will do.
var supervisionPlan = []string{"上级组织部、纪委和督导组在此查看所辖各领导班子的会议进度；",
	"审核对照检查材料，列席会议并点评；", "跟踪整改台账落实情况，对逾期事项督促办理。"}

// soonPage 建设中 tells what a function will do.
type soonPage struct {
	Heading  string
	Plan     []string
	Meeting  *jingzi.Meeting
	Meetings []*jingzi.Meeting // on /phases/{phase}: where to find the phase per meeting
	Phase    jingzi.Phase
	Notice   string
}

func (p soonPage) meeting() *jingzi.Meeting { return p.Meeting }

// parsePhase returns the phase of the route; an unknown name is not found.
func parsePhase(r *http.Request) (jingzi.Phase, error) {
	for _, p := range jingzi.Phases {
		if string(p) == r.PathValue("phase") {
			return p, nil
		}
	}
	return "", jingzi.Errorf(jingzi.ENOTFOUND, "没有这个工作环节。")
}

// meetingPhasePage is a phase of one meeting.
func (s *Server) meetingPhasePage(w http.ResponseWriter, r *http.Request) {
	phase, err := parsePhase(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if phase == jingzi.PhaseReview {
		// 审核 happens on the statements: their list shows each one's state and desk.
		s.statementList(w, r)
		return
	}
	p := soonPage{Heading: phase.Label(), Plan: phasePlans[phase], Meeting: m, Phase: phase, Notice: comingSoon}
	s.render(w, r, http.StatusOK, "soon", phase.Label()+" · "+m.Title, p)
}

// phasePage is a phase reached from the navigation outside any meeting: it
// lists the working org's meetings, each linking to that phase.
func (s *Server) phasePage(w http.ResponseWriter, r *http.Request) {
	phase, err := parsePhase(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	list, err := s.meetingsOfWorkingOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := soonPage{Heading: phase.Label(), Plan: phasePlans[phase], Meetings: list.Meetings, Phase: phase}
	s.render(w, r, http.StatusOK, "soon", phase.Label(), p)
}

func (s *Server) supervisionPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "soon", "监督", soonPage{Heading: "监督", Plan: supervisionPlan, Notice: comingSoon})
}
