/**
 * What the bot has sent for a cohort, per kind of message: sent, waiting and not delivered, with
 * the reasons in plain words, so a facilitator knows when to reach someone another way. Counts
 * only: no names, no message content.
 */
import { Card, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from "@fluentui/react-components";
import type { DeliveryStatusResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { ScrollArea } from "../components/Layout";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

export function MessageStatus({ cohortId }: { cohortId: string }) {
  const [status, reload] = useApi<DeliveryStatusResponse>(apiRoutes.deliveries.url({ cohortId }));
  if (status.state === "loading") return <Loading label="Loading message status" />;
  if (status.state === "error") return <Failure error={status.error} onRetry={reload} />;
  const kinds = status.data.kinds.filter((k) => k.sent + k.waiting + k.failed + k.notNeeded > 0);
  return (
    <Card>
      <Title3 as="h3">Messages from the bot</Title3>
      {kinds.length === 0 ? (
        <Empty title="Nothing sent yet">Cards go out from the first day of the programme.</Empty>
      ) : (
        <ScrollArea label="Messages from the bot (scrolls sideways on narrow screens)" minWidth={360}>
          <Table aria-label="Messages from the bot" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Kind</TableHeaderCell>
                <TableHeaderCell>Sent</TableHeaderCell>
                <TableHeaderCell>Waiting</TableHeaderCell>
                <TableHeaderCell>Not delivered</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {kinds.map((k) => (
                <TableRow key={k.group}>
                  <TableCell>
                    <Text block>{k.label}</Text>
                    {k.problems.map((p) => (
                      <Text key={p.text} size={200} block>
                        {p.count} {p.text}
                      </Text>
                    ))}
                  </TableCell>
                  <TableCell>{k.sent}</TableCell>
                  <TableCell>{k.waiting}</TableCell>
                  <TableCell>{k.failed}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollArea>
      )}
    </Card>
  );
}
