import { employeeDocumentOf, type EmployeeDocument } from './employee-document.rules.ts';
import { eventActorOf, rowSnapshot } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, notFound } from '../../shared/domain-error.ts';
import { DOCUMENT_ERRORS } from './employee-documents.errors.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { UsersService } from '../users/users.service.ts';
import {
  deleteDocument,
  findDocumentContent,
  findDocumentMeta,
  insertDocument,
  listDocuments,
} from './employee-documents.repository.ts';
import {
  ALLOWED_DOCUMENT_TYPES,
  cleanFileName,
  documentTypeOf,
} from './employee-documents.rules.ts';

/** Symfony's File constraint codes, so Flowtly clients can tell "too big" from "wrong type". */
export interface Upload {
  fileName: string | undefined;
  declaredType: string | undefined;
  /** Null when the stream went over the size limit and was cut off. */
  bytes: Uint8Array | null;
}

export interface EmployeeDocumentsService {
  listDocuments(actor: Actor, userId: number): Promise<EmployeeDocument[]>;
  uploadDocument(actor: Actor, userId: number, upload: Upload | null): Promise<EmployeeDocument>;
  downloadDocument(
    actor: Actor,
    userId: number,
    id: number,
  ): Promise<EmployeeDocument & { content: Uint8Array }>;
  deleteDocument(actor: Actor, userId: number, id: number): Promise<void>;
}

const mebibytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(2).replace(/\.?0+$/, '');

/**
 * Documents on a person's record (contracts, certificates), kept in the database (ADR 0008).
 * Who may see the person may read them; only administrators add or remove them.
 */
export function createEmployeeDocumentsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  users: UsersService;
  events: EventsService;
  maxBytes: number;
}): EmployeeDocumentsService {
  const { db, clock, users, events, maxBytes } = deps;

  /** Reading the person applies the people rules: themselves, their manager, administrators. */
  async function assertCanRead(actor: Actor, userId: number): Promise<void> {
    await users.getUser(actor, userId);
  }

  async function assertCanWrite(actor: Actor, userId: number): Promise<void> {
    await users.getUser(actor, userId);
    if (!isAdministrator(actor)) throw forbidden();
  }

  return {
    async listDocuments(actor, userId) {
      await assertCanRead(actor, userId);
      return (await listDocuments(db, userId)).map(employeeDocumentOf);
    },

    async uploadDocument(actor, userId, upload) {
      await assertCanWrite(actor, userId);
      if (!upload) throw invalid(DOCUMENT_ERRORS.fileMissing);
      if (upload.bytes === null) {
        throw invalid(DOCUMENT_ERRORS.fileTooLarge, { maxMiB: mebibytes(maxBytes) });
      }
      const bytes = upload.bytes;
      if (bytes.length === 0) throw invalid(DOCUMENT_ERRORS.fileEmpty);
      const kind = await documentTypeOf(bytes, upload.declaredType);
      if (!kind.allowed) {
        throw invalid(DOCUMENT_ERRORS.fileTypeNotAllowed, {
          type: kind.type,
          allowed: ALLOWED_DOCUMENT_TYPES.join(','),
        });
      }
      return db.transaction().execute(async (tx) => {
        const document = await insertDocument(tx, {
          user_id: userId,
          file_name: cleanFileName(upload.fileName),
          content_type: kind.type,
          size_bytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          uploaded_by: actor.userId,
          created_at: clock.now().getTime(),
          content: bytes,
        });
        await events.record(tx, eventActorOf(actor), {
          type: 'document.created',
          entityId: document.id,
          userId,
          before: null,
          after: rowSnapshot({ ...document }),
        });
        return employeeDocumentOf(document);
      });
    },

    async downloadDocument(actor, userId, id) {
      await assertCanRead(actor, userId);
      const document = await findDocumentContent(db, userId, id);
      if (!document) throw notFound('document');
      return { ...employeeDocumentOf(document), content: document.content };
    },

    async deleteDocument(actor, userId, id) {
      await assertCanWrite(actor, userId);
      await db.transaction().execute(async (tx) => {
        const found = await findDocumentMeta(tx, userId, id);
        if (!found) throw notFound('document');
        await deleteDocument(tx, id);
        await events.record(tx, eventActorOf(actor), {
          type: 'document.deleted',
          entityId: id,
          userId,
          before: rowSnapshot({ ...found }),
          after: null,
        });
      });
    },
  };
}
