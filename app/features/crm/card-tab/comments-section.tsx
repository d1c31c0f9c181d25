import { Stack, Text } from '@mantine/core';
import { COMMENT_AUTHORS, type CardComment, type CardPart } from '../../../data/providers/card-provider.ts';
import { useUserNames } from '../../../data/query/get-users.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { CardSection } from './card-section.tsx';
import { formatMoment } from './format.ts';
import './locales.ts';
import { ShowMore } from './show-more.tsx';

/**
 * Timeline comments, newest first, as plain text (BB-codes and markup are shown, never interpreted).
 * The first authors' names came with the card; more appear once "show all" asks for them.
 */
export function CommentsSection({ part }: { part: CardPart<CardComment[]> }) {
  const t = useT('crmTab');
  return (
    <CardSection title={t('comments')} part={part} empty={t('noComments')}>
      {(rows) => (
        <Stack gap="sm">
          <ShowMore rows={rows} initial={COMMENT_AUTHORS}>
            {(shown) => <CommentList comments={shown} />}
          </ShowMore>
        </Stack>
      )}
    </CardSection>
  );
}

function CommentList({ comments }: { comments: CardComment[] }) {
  const lang = useLanguage();
  const users = useUserNames(comments.map((c) => c.authorId));
  return comments.map((comment) => (
    <Stack key={comment.id} gap={2}>
      <Text size="xs" c="dimmed">
        {[users[comment.authorId]?.fullName, formatMoment(comment.created, lang)].filter(Boolean).join(' · ')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {comment.text}
      </Text>
    </Stack>
  ));
}
