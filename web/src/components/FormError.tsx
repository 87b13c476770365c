import { Alert, List } from '@mantine/core';
import { ApiError } from '../api.ts';
import { errorText, isTranslated, problemLines } from '../errors.ts';

/** A refused request's message, and each of its field problems, where the form is. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const message = errorText(error);
  const fieldLines = problemLines(error);
  const details =
    fieldLines.length > 0
      ? fieldLines
      : error instanceof ApiError && !isTranslated(error)
        ? error.details.filter((d) => d !== message)
        : [];
  return (
    <Alert variant="outline" color="red.9" role="alert" mt="sm">
      {message}
      {details.length > 0 && (
        <List size="sm" mt={4}>
          {details.map((d) => (
            <List.Item key={d}>{d}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** What the API said that belongs to no field of the form. */
export function FormMessages({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert variant="outline" color="red.9" role="alert" mt="sm">
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <List size="sm">
          {messages.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
