import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { isSafeIdPart } from "../../domain/ids";
import { NotFoundError } from "../../domain/errors";
import { answerQuestion, listQuestions } from "../../usecases/questions/questions";
import { AnswerQuestionRequest } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { parseInput } from "../http";
import type { RouteGuard } from "../http";

export function registerQuestionRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.questions.path, guard(async (req, res, actor) => res.json(await listQuestions(ctx, actor, String(req.params.cohortId)))));
  server.post(apiRoutes.answerQuestion.path, guard(async (req, res, actor) => {
    const questionId = String(req.params.questionId);
    if (!isSafeIdPart(questionId)) throw new NotFoundError();
    const input = parseInput(AnswerQuestionRequest, req.body);
    res.json(await answerQuestion(ctx, actor, String(req.params.cohortId), questionId, input));
  }));
}
