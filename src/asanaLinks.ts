/**
 * Links into Asana's web app. Asana keeps its original ("V0") URL format working indefinitely
 * while it rolls out a newer one, so these stay on V0.
 */
const APP = 'https://app.asana.com/0';

export function workspaceUrl(workspaceGid: string): string {
  return `${APP}/home/${workspaceGid}`;
}

export function profileUrl(userGid: string): string {
  return `${APP}/profile/${userGid}`;
}

export function myTasksUrl(userTaskListGid: string): string {
  return `${APP}/${userTaskListGid}/list`;
}
