import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

// The event types that change what the daily screens show.
const TRACKING_EVENTS = [
  'time_entry.created',
  'time_entry.updated',
  'time_entry.deleted',
  'timer.started',
  'timer.stopped',
];
const APPROVAL_EVENTS = [
  'timesheet.submitted',
  'timesheet.withdrawn',
  'timesheet.approved',
  'timesheet.rejected',
  'timesheet.reopened',
  'timesheet.unlocked',
];
const CATALOG_EVENTS = [
  'client.created',
  'client.updated',
  'client.deleted',
  'project.created',
  'project.updated',
  'project.deleted',
  'task.created',
  'task.updated',
  'task.deleted',
  'user_assignment.created',
  'user_assignment.updated',
  'user_assignment.deleted',
  'task_assignment.created',
  'task_assignment.updated',
  'task_assignment.deleted',
];

/**
 * Keeps every open screen in step with changes made elsewhere (another tab, a phone, either
 * API): the server's event stream names what changed, and the queries that show it refetch.
 * EventSource reconnects by itself and resumes from the last event it saw.
 */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/punch/v1/events', { withCredentials: true });
    const tracking = () => {
      void client.invalidateQueries({ queryKey: ['timer'] });
      void client.invalidateQueries({ queryKey: ['timesheet'] });
      void client.invalidateQueries({ queryKey: ['entries'] });
    };
    const catalog = () => {
      void client.invalidateQueries({ queryKey: ['tracking-options'] });
      void client.invalidateQueries({ queryKey: ['clients'] });
      void client.invalidateQueries({ queryKey: ['projects'] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    };
    for (const type of TRACKING_EVENTS) source.addEventListener(type, tracking);
    const approvals = () => {
      void client.invalidateQueries({ queryKey: ['timesheet-week'] });
      void client.invalidateQueries({ queryKey: ['approvals'] });
      tracking();
    };
    for (const type of CATALOG_EVENTS) source.addEventListener(type, catalog);
    for (const type of APPROVAL_EVENTS) source.addEventListener(type, approvals);
    return () => source.close();
  }, [client]);
}
